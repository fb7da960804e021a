using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 3.6: an excluded repository still appears, every image kept, <c>excluded</c> beside every other code.</summary>
public class ExcludedRepositoryTests
{
    private static readonly PolicySet ExcludeCareApi =
        new PolicyBuilder().Repository("care/api", new() { Excluded = true, KeepNewest = 1, KeepTagPatterns = [new("release-*")] }).Build();

    private static RetentionPlan Evaluate() => new InventoryBuilder()
        .Repository("care/api", r => r
            .Image("v2", DaysAgo(0))
            .Untagged("build", DaysAgo(1))
            .Untagged("old", DaysAgo(40))
            .Image("release-1", DaysAgo(300))
            .Image("v1", DaysAgo(40), i => i.Index("v1-amd64"))
            .Untagged("v1-amd64", DaysAgo(40))
            .Untagged("running", DaysAgo(60)))
        .Repository("care/web", r => r.Image("web-v2", DaysAgo(0)).Image("web-v1", DaysAgo(40)))
        .Task("care/api:v2", runs: "running")
        .Pin("care/api", "old")
        .Evaluate(ExcludeCareApi);

    [Fact]
    public void KeepsEveryImageOfAnExcludedRepository()
    {
        var plan = Evaluate();

        var repository = plan.Repository("care/api");
        Assert.Equal(7, repository.Images.Count);
        Assert.All(repository.Images, image => Assert.Equal(Decision.Keep, image.Decision));
        Assert.Equal(new StorageFigures(7_000, 0, 0), repository.Bytes);
    }

    [Fact]
    public void ListsExcludedBesideEveryOtherCodeThatApplies()
    {
        var plan = Evaluate();

        Assert.Equal("keep: excluded, in-use, in-window, keep-newest", plan.Of("care/api", "v2").Verdict());
        Assert.Equal("keep: excluded, in-window, untagged", plan.Of("care/api", "build").Verdict());
        Assert.Equal("keep: excluded, outside-window, pinned, untagged", plan.Of("care/api", "old").Verdict());
        Assert.Equal("keep: excluded, kept-tag-pattern, outside-window", plan.Of("care/api", "release-1").Verdict());
        Assert.Equal("keep: excluded, outside-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal("keep: excluded, index-child, outside-window, untagged", plan.Of("care/api", "v1-amd64").Verdict());
        Assert.Equal("keep: excluded, in-use, outside-window, untagged", plan.Of("care/api", "running").Verdict());
    }

    [Fact]
    public void LeavesOtherRepositoriesCurated()
    {
        var plan = Evaluate();

        Assert.Equal(["web-v1"], plan.Deleted("care/web"));
        Assert.Equal("delete: outside-window", plan.Of("care/web", "web-v1").Verdict());
    }
}
