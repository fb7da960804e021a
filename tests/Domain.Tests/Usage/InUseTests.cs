using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Usage;

/// <summary>SPEC 3.2: in use wins over every delete rule, including "no tag".</summary>
public class InUseTests
{
    /// <summary>A repository where "latest" moved from "old" (now untagged, outside the window) to "new".</summary>
    private static InventoryBuilder MovedLatest() => new InventoryBuilder()
        .Repository("care/api", r => r.Image("new", DaysAgo(0), i => i.Tagged("latest", "v2")).Untagged("old", DaysAgo(40)));

    [Fact]
    public void KeepsAnUntaggedImageThatATaskStillRuns()
    {
        var plan = MovedLatest().Task("care/api:latest", runs: "old").Evaluate();

        Assert.Equal("keep: in-use, outside-window, untagged", plan.Of("care/api", "old").Verdict());
        Assert.Equal("keep: in-use, in-window", plan.Of("care/api", "new").Verdict());
    }

    [Fact]
    public void ResolvesATaskDefinitionTagToTheImageItNamesAtSnapshotTime()
    {
        var plan = MovedLatest().Task("care/api:v2").Evaluate();

        Assert.Equal("keep: in-use, in-window", plan.Of("care/api", "new").Verdict());
        Assert.Equal("delete: outside-window, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void ResolvesAReferenceWithoutATagAsLatest()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v9", DaysAgo(0)).Image("old", DaysAgo(60), i => i.Tagged("latest", "v1")))
            .Task("care/api")
            .Evaluate();

        Assert.Equal("keep: in-use, outside-window", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void KeepsTheImageATaskDefinitionNamesByDigest()
    {
        var plan = MovedLatest().Task(Ecr.At("care/api", "old")).Evaluate();

        Assert.Equal("keep: in-use, outside-window, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void NamesTheImageByTheDigestOfATagPlusDigestReferenceNotByTheTag()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v3", DaysAgo(0)).Image("v2", DaysAgo(40)).Image("v1", DaysAgo(50)))
            .Task(Ecr.Ref($"care/api:v2@{Digests.Of("v1")}"))
            .Evaluate();

        Assert.Equal("keep: in-use, outside-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal("delete: outside-window", plan.Of("care/api", "v2").Verdict());
    }

    [Fact]
    public void ProtectsNothingWithADigestNotInTheRepositoryAndDoesNotConsultTheTagBesideIt()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40)))
            .Task(Ecr.Ref($"care/api:v1@{Digests.Of("gone")}"))
            .Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "v1").Verdict());
        Assert.Empty(plan.Of("care/api", "v1").UsedBy);
    }

    [Fact]
    public void ProtectsNothingWithAReportedDigestNotInTheRepository()
    {
        var plan = MovedLatest().Task(Ecr.At("care/api", "gone"), runs: "gone").Evaluate();

        Assert.Equal(["old"], plan.Deleted("care/api"));
    }

    [Fact]
    public void KeepsTheDigestAServiceDeploymentIsPinnedToAfterItsTagMoved()
    {
        var plan = MovedLatest().Service("care/api:latest", deployed: "old").Evaluate();

        Assert.Equal("keep: in-use, outside-window, untagged", plan.Of("care/api", "old").Verdict());
        var site = Assert.IsType<EcsSite>(Assert.Single(plan.Of("care/api", "old").UsedBy));
        Assert.Null(site.TaskId);
        Assert.Equal("api", site.Service);
    }

    [Fact]
    public void KeepsTheImageOfAServiceScaledToZeroThatOnlyADeploymentNames()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40)))
            .Service("care/api:v1")
            .Evaluate();

        Assert.Equal("keep: in-use, outside-window", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void ListsEverySiteThatUsesTheImageOnce()
    {
        var plan = MovedLatest()
            .Task(Ecr.At("care/api", "old"), runs: "old")
            .Task("care/api:latest", runs: "old", family: "worker", revision: 7)
            .Service("care/api:latest", deployed: "old", service: "web")
            .Evaluate();

        Assert.Equal(
            ["111111111111/ap-northeast-1/main/service/web (app:1)",
             "111111111111/ap-northeast-1/main/task/task-1 (app:1)",
             "111111111111/ap-northeast-1/main/task/task-2 (worker:7)"],
            plan.Of("care/api", "old").UsedBy.Select(site => site.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ListsNoSiteForAnImageNothingUses()
    {
        var plan = MovedLatest().Task("care/api:latest").Evaluate();

        Assert.Empty(plan.Of("care/api", "old").UsedBy);
    }
}
