using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>Archived images whose manifests could not be read, and push times ECR may report after a restore.</summary>
public class ArchivedImageTests
{
    [Fact]
    public void KeepsEveryImageThatCouldBeAChildOfAKeptIndexWhoseChildrenAreUnknown()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Image("v1", DaysAgo(10), i => i.Archived().IndexOfUnknownChildren())
                .Untagged("maybe-amd64", DaysAgo(10))
                .Image("old", DaysAgo(45))
                .Untagged("later", DaysAgo(5)))
            .Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal("keep: in-window, index-child, untagged", plan.Of("care/api", "maybe-amd64").Verdict());
        Assert.Equal("keep: index-child, outside-window", plan.Of("care/api", "old").Verdict());
        Assert.Equal(["later"], plan.Deleted("care/api"));
        Assert.False(plan.Of("care/api", "maybe-amd64").IsDependent);
    }

    [Fact]
    public void DecidesAnIndexWhoseChildrenAreUnknownByItsOwnRulesAndWhatItWouldHoldByTheirs()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Image("v1", DaysAgo(40), i => i.Archived().IndexOfUnknownChildren())
                .Untagged("maybe-amd64", DaysAgo(40))
                .Image("pinned", DaysAgo(45)))
            .Pin("care/api", "pinned")
            .Evaluate();

        Assert.Equal(["maybe-amd64", "v1"], plan.Deleted("care/api"));
    }

    [Fact]
    public void NeverLetsAPushTimeReportedAfterARestoreMoveTheWindow()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("restored", DaysAgo(0), i => i.Restored(DaysAgo(0), archived: DaysAgo(60)))
                .Image("v2", DaysAgo(80))
                .Image("v1", DaysAgo(100)))
            .Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "restored").Verdict());
        Assert.Equal("keep: in-window", plan.Of("care/api", "v2").Verdict());
        Assert.Equal(["v1"], plan.Deleted("care/api"));
    }
}
