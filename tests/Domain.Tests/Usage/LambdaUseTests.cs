using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Usage;

/// <summary>SPEC 3.2: every version of a Lambda function of package type Image, <c>$LATEST</c> included, is in use.</summary>
public class LambdaUseTests
{
    /// <summary>A repository where "latest" moved from "old" (now untagged, outside the window) to "new".</summary>
    private static InventoryBuilder MovedLatest() => new InventoryBuilder()
        .Repository("img/resize", r => r.Image("new", DaysAgo(0), i => i.Tagged("latest", "v2")).Untagged("old", DaysAgo(40)).Image("v1", DaysAgo(50)));

    [Fact]
    public void KeepsTheImageALambdaVersionRunsAfterItsTagMoved()
    {
        var plan = MovedLatest().Lambda("img/resize:latest", runs: "old", version: "3").Evaluate();

        Assert.Equal("keep: in-use, outside-window, untagged", plan.Of("img/resize", "old").Verdict());
        Assert.Equal("delete: outside-window", plan.Of("img/resize", "v1").Verdict());
    }

    [Fact]
    public void KeepsTheImageALambdaVersionsTagPointsToNow()
    {
        var plan = new InventoryBuilder()
            .Repository("img/resize", r => r.Image("v9", DaysAgo(0)).Image("current", DaysAgo(45), i => i.Tagged("stable")).Image("ran", DaysAgo(60), i => i.Tagged("v1")))
            .Lambda("img/resize:stable", runs: "ran", version: "$LATEST")
            .Evaluate();

        Assert.Equal("keep: in-use, outside-window", plan.Of("img/resize", "current").Verdict());
        Assert.Equal("keep: in-use, outside-window", plan.Of("img/resize", "ran").Verdict());
    }

    [Fact]
    public void NamesTheFunctionVersionAndItsAliasesWhereTheImageIsUsed()
    {
        var plan = MovedLatest().Lambda("img/resize:latest", runs: "old", version: "3", aliases: ["live", "beta"]).Evaluate();

        var site = Assert.IsType<LambdaSite>(Assert.Single(plan.Of("img/resize", "old").UsedBy));
        Assert.Equal("lambda:111111111111/ap-northeast-1/resize:3 (beta, live)", site.ToString());
    }

    [Fact]
    public void ProtectsTheRegistrysImageFromAFunctionInAnotherAccount()
    {
        var plan = MovedLatest().Lambda("img/resize:latest", runs: "old", account: Ecr.OtherAccount).Evaluate();

        Assert.Equal(Ecr.OtherAccount, Assert.Single(plan.Of("img/resize", "old").UsedBy).AccountId);
    }

    [Fact]
    public void MakesNoRollbackTargetsOfItsOwn()
    {
        var plan = MovedLatest()
            .Lambda("img/resize:latest", runs: "old")
            .TaskDefinition("resize", 1, ["img/resize:v1"])
            .Evaluate(new PolicyOverride { KeepRollbackRevisions = 3 });

        Assert.Equal("delete: outside-window", plan.Of("img/resize", "v1").Verdict());
    }
}
