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

    [Fact]
    public void PutsEveryImageBelowTheDeepestImageItHangsOnAndFindsWhatHangsOnAnImage()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v1", DaysAgo(0), i => i.Index("linux"))
                .Untagged("linux", DaysAgo(0), i => i.Index("amd64"))
                .Untagged("amd64", DaysAgo(0))
                .Untagged("amd64-sig", DaysAgo(0), i => i.Subject("amd64"))
                .Untagged("v1-sig", DaysAgo(0), i => i.Subject("v1"))
                .Image("v0", DaysAgo(1)))
            .Evaluate();

        var images = plan.Repository("care/api").Images.Select(image => image.Image).ToList();

        Assert.Equal(
            [("amd64", 2), ("amd64-sig", 3), ("linux", 1), ("v0", 0), ("v1", 0), ("v1-sig", 1)],
            ImageDependencies.Depths(images).Select(pair => (Digests.NameOf(pair.Key), pair.Value)).Order());
        Assert.Equal(["amd64", "amd64-sig", "linux", "v1-sig"], ImageDependencies.HangingOn(images, [Digests.Of("v1")]).Select(Digests.NameOf).Order());
        Assert.Equal(["amd64-sig"], ImageDependencies.HangingOn(images, [Digests.Of("amd64"), Digests.Of("v0")]).Select(Digests.NameOf));
    }
}
