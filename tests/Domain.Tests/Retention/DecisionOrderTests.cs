using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>SPEC 3: the decision order (first match wins) and every applicable reason, sorted.</summary>
public class DecisionOrderTests
{
    [Fact]
    public void ListsEveryApplicableReasonSortedNotOnlyTheDecidingOne()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v9", DaysAgo(0))
                .Image("everything", DaysAgo(60), i => i.Tagged("release-1").Pulled(DaysAgo(1))))
            .Task("care/api:release-1", family: "app", revision: 1)
            .TaskDefinition("app", 1, ["care/api:release-1"])
            .Pin("care/api", "everything")
            .Evaluate(new PolicyOverride
            {
                KeepNewest = 2, KeepPulledWithinDays = 7, KeepTagPatterns = [new("release-*")], KeepRollbackRevisions = 1,
            });

        Assert.Equal(
            "keep: in-use, keep-newest, kept-tag-pattern, outside-window, pinned, recently-pulled, rollback-target",
            plan.Of("care/api", "everything").Verdict());
    }

    [Fact]
    public void KeepsAProtectedUntaggedImageBeforeDeletingItForHavingNoTag()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v9", DaysAgo(0)).Untagged("pulled", DaysAgo(1), i => i.Pulled(Now)))
            .Evaluate(new PolicyOverride { KeepPulledWithinDays = 1 });

        Assert.Equal("keep: in-window, recently-pulled, untagged", plan.Of("care/api", "pulled").Verdict());
    }

    [Fact]
    public void DeletesAnUntaggedImageInsideTheWindowBeforeKeepingItForTheWindow()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Untagged("newest", DaysAgo(0)))
            .Evaluate();

        Assert.Equal("delete: in-window, untagged", plan.Of("care/api", "newest").Verdict());
    }

    [Fact]
    public void KeepsATaggedImageInsideTheWindowWhenNothingElseApplies()
    {
        var plan = new InventoryBuilder().Repository("care/api", r => r.Image("v1", DaysAgo(0))).Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void GivesEveryImageExactlyOneOfInWindowAndOutsideWindow()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0), i => i.Index("amd64"))
                .Untagged("amd64", DaysAgo(0))
                .Untagged("sig", DaysAgo(0), i => i.Subject("v2"))
                .Image("v1", DaysAgo(31))
                .Untagged("old", DaysAgo(90)))
            .Pin("care/api", "old")
            .Evaluate();

        Assert.All(plan.Repository("care/api").Images, image =>
            Assert.Single(image.ReasonCodes, code => code is "in-window" or "outside-window"));
    }

    [Fact]
    public void ListsNoReasonTwiceAndAlwaysInOrdinalOrder()
    {
        Assert.Equal(
            ["attached-artifact", "excluded", "in-use", "in-window", "index-child", "keep-newest", "kept-tag-pattern",
             "outside-window", "pinned", "recently-pulled", "rollback-target", "untagged"],
            ReasonCodes.Codes((Reasons)0xFFF));
    }
}
