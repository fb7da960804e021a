using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 3: the overrides and safety rules together in one repository, each image decided and explained.</summary>
public class CombinedPolicyTests
{
    [Fact]
    public void DecidesADormantRepositoryUnderTeamAndRepositoryPoliciesTogether()
    {
        var policies = new PolicyBuilder()
            .Default(new() { KeepPulledWithinDays = 7 })
            .Team("care", new() { KeepNewest = 2, WindowDays = 14, KeepTagPatterns = [new("prod-*")] })
            .Repository("care/api", new() { DeleteUntagged = false, KeepTagPatterns = [new("release-*")] })
            .Build();
        var plan = new InventoryBuilder()
            .Repository("care/api", team: "care", images: r => r
                .Image("v9", DaysAgo(200), i => i.Index("v9-amd64"))
                .Untagged("v9-amd64", DaysAgo(201))
                .Untagged("scratch", DaysAgo(205))
                .Image("v8", DaysAgo(210))
                .Image("prod-1", DaysAgo(220))
                .Image("release-1", DaysAgo(230))
                .Image("v7", DaysAgo(240), i => i.Pulled(DaysAgo(3)))
                .Untagged("running", DaysAgo(250))
                .Image("v6", DaysAgo(260))
                .Untagged("old-build", DaysAgo(270)))
            .Task("care/api:v9", runs: "running")
            .Evaluate(policies);

        Assert.Equal(
            [
                "v9 keep: in-use, in-window, keep-newest",
                "v9-amd64 keep: in-window, index-child, untagged",
                "scratch keep: in-window, keep-newest, untagged",
                "v8 keep: in-window",
                "prod-1 delete: outside-window",
                "release-1 keep: kept-tag-pattern, outside-window",
                "v7 keep: outside-window, recently-pulled",
                "running keep: in-use, outside-window, untagged",
                "v6 delete: outside-window",
                "old-build delete: outside-window, untagged",
            ],
            plan.Repository("care/api").Images.Select(image => $"{Digests.NameOf(image.Image.Digest)} {image.Verdict()}"));
    }

    [Fact]
    public void LetsSafetyRulesKeepWhatAnExcludingPolicyWouldHaveKeptAnywayOnceTheRepositoryIsCuratedAgain()
    {
        var world = new InventoryBuilder()
            .Repository("care/api", team: "care", images: r => r.Image("v2", DaysAgo(0)).Untagged("running", DaysAgo(90)).Image("v1", DaysAgo(90)))
            .Task("care/api:v2", runs: "running");
        var excluded = new PolicyBuilder().Team("care", new() { Excluded = true });

        var whileExcluded = world.Evaluate(excluded.Build());
        var curatedAgain = world.Evaluate(excluded.Repository("care/api", new() { Excluded = false }).Build());

        Assert.Empty(whileExcluded.Deleted("care/api"));
        Assert.Equal(["v1"], curatedAgain.Deleted("care/api"));
        Assert.Equal("keep: in-use, outside-window, untagged", curatedAgain.Of("care/api", "running").Verdict());
    }
}
