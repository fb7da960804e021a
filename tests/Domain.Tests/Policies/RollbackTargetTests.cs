using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Policies;

/// <summary>
/// SPEC 3.6: keep the images of the N highest-numbered ACTIVE revisions of every task-definition family in use,
/// in the account-region where it runs; N from the policy of the repository holding the image.
/// </summary>
public class RollbackTargetTests
{
    private static readonly PolicyOverride Three = new() { KeepRollbackRevisions = 3 };

    /// <summary>care/api holds r1..r5 (all outside the window) and family "app" revision n runs care/api:rn.</summary>
    private static InventoryBuilder FiveRevisions(Func<int, bool>? active = null, string account = Ecr.Account)
    {
        var world = new InventoryBuilder().Repository("care/api", r =>
        {
            r.Image("v9", DaysAgo(0));
            for (var n = 1; n <= 5; n++)
            {
                r.Image($"r{n}", DaysAgo(100 - n));
            }
        });
        for (var n = 1; n <= 5; n++)
        {
            world.TaskDefinition("app", n, [Ecr.Ref($"care/api:r{n}")], active?.Invoke(n) ?? true, account);
        }

        return world;
    }

    [Fact]
    public void KeepsTheImagesOfTheNHighestRevisionsOfAFamilyATaskRuns()
    {
        var plan = FiveRevisions().Task("care/api:r5", family: "app", revision: 5).Evaluate(Three);

        Assert.Equal("keep: in-use, outside-window, rollback-target", plan.Of("care/api", "r5").Verdict());
        Assert.Equal("keep: outside-window, rollback-target", plan.Of("care/api", "r4").Verdict());
        Assert.Equal("keep: outside-window, rollback-target", plan.Of("care/api", "r3").Verdict());
        Assert.Equal(["r1", "r2"], plan.Deleted("care/api"));
    }

    [Fact]
    public void CountsTheHighestRevisionsEvenWhenAnOlderOneIsInUse()
    {
        var plan = FiveRevisions().Task("care/api:r2", family: "app", revision: 2).Evaluate(new PolicyOverride { KeepRollbackRevisions = 2 });

        Assert.Equal("keep: outside-window, rollback-target", plan.Of("care/api", "r5").Verdict());
        Assert.Equal("keep: in-use, outside-window", plan.Of("care/api", "r2").Verdict());
        Assert.Equal(["r1", "r3"], plan.Deleted("care/api"));
    }

    [Fact]
    public void SkipsInactiveRevisions()
    {
        var plan = FiveRevisions(active: n => n != 4).Service("care/api:r5", family: "app", revision: 5).Evaluate(Three);

        Assert.Equal("delete: outside-window", plan.Of("care/api", "r4").Verdict());
        Assert.Equal("keep: outside-window, rollback-target", plan.Of("care/api", "r2").Verdict());
        Assert.Equal(["r1", "r4"], plan.Deleted("care/api"));
    }

    [Fact]
    public void KeepsNothingForAFamilyNotInUse()
    {
        var plan = FiveRevisions().Task("care/api:v9", family: "other", revision: 1).Evaluate(Three);

        Assert.Equal(["r1", "r2", "r3", "r4", "r5"], plan.Deleted("care/api"));
    }

    [Fact]
    public void CountsAFamilyOnlyInTheAccountRegionWhereItRuns()
    {
        var plan = FiveRevisions()
            .Task("care/api:v9", family: "app", revision: 9, account: Ecr.OtherAccount)
            .Task("care/api:v9", family: "app", revision: 9, region: Ecr.OtherRegion)
            .Evaluate(Three);

        Assert.Equal(["r1", "r2", "r3", "r4", "r5"], plan.Deleted("care/api"));
    }

    [Fact]
    public void KeepsImagesOfThisRegistryThatAFamilyRunningInAnotherAccountReferences()
    {
        var plan = FiveRevisions(account: Ecr.OtherAccount)
            .Task("care/api:r5", family: "app", revision: 5, account: Ecr.OtherAccount)
            .Evaluate(Three);

        Assert.Equal(["r1", "r2"], plan.Deleted("care/api"));
    }

    [Fact]
    public void TakesNFromThePolicyOfTheRepositoryHoldingTheImage()
    {
        var world = new InventoryBuilder()
            .Repository("care/api", r => r.Image("api-new", DaysAgo(0)).Image("a1", DaysAgo(99)).Image("a2", DaysAgo(98)).Image("a3", DaysAgo(97)))
            .Repository("care/web", r => r.Image("web-new", DaysAgo(0)).Image("w1", DaysAgo(99)).Image("w2", DaysAgo(98)).Image("w3", DaysAgo(97)))
            .Task("care/web:w3", family: "app", revision: 3);
        for (var n = 1; n <= 3; n++)
        {
            world.TaskDefinition("app", n, [$"care/api:a{n}", $"care/web:w{n}"]);
        }

        var policies = new PolicyBuilder()
            .Repository("care/api", new() { KeepRollbackRevisions = 3 })
            .Repository("care/web", new() { KeepRollbackRevisions = 1 })
            .Build();
        var plan = world.Evaluate(policies);

        Assert.Empty(plan.Deleted("care/api"));
        Assert.Equal(["w1", "w2"], plan.Deleted("care/web"));
        Assert.Equal("keep: in-use, outside-window, rollback-target", plan.Of("care/web", "w3").Verdict());
    }

    [Fact]
    public void ResolvesARevisionsTagToTheImageItNamesNowAndADigestToThatImage()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v9", DaysAgo(0)).Image("current", DaysAgo(50), i => i.Tagged("stable")).Untagged("pinned-build", DaysAgo(60)).Untagged("former", DaysAgo(70)))
            .TaskDefinition("app", 1, ["care/api:stable", Ecr.At("care/api", "pinned-build")])
            .Service("care/api:v9", family: "app", revision: 2)
            .Evaluate(Three);

        Assert.Equal("keep: outside-window, rollback-target", plan.Of("care/api", "current").Verdict());
        Assert.Equal("keep: outside-window, rollback-target, untagged", plan.Of("care/api", "pinned-build").Verdict());
        Assert.Equal(["former"], plan.Deleted("care/api"));
    }

    [Fact]
    public void KeepsNothingExtraWithZeroRevisions()
    {
        var plan = FiveRevisions().Task("care/api:r5", family: "app", revision: 5).Evaluate();

        Assert.Equal(["r1", "r2", "r3", "r4"], plan.Deleted("care/api"));
    }
}
