using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 3.6: keep the newest N top-level images regardless, newest push first, ties by ascending digest.</summary>
public class KeepNewestTests
{
    [Fact]
    public void KeepsTheNewestNImagesOutsideTheWindow()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v4", DaysAgo(0)).Image("v3", DaysAgo(40)).Image("v2", DaysAgo(50)).Image("v1", DaysAgo(60)))
            .Evaluate(new PolicyOverride { KeepNewest = 3 });

        Assert.Equal("keep: in-window, keep-newest", plan.Of("care/api", "v4").Verdict());
        Assert.Equal("keep: keep-newest, outside-window", plan.Of("care/api", "v2").Verdict());
        Assert.Equal(["v1"], plan.Deleted("care/api"));
    }

    [Fact]
    public void KeepsAnUntaggedImageAmongTheNewestN()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Untagged("build", DaysAgo(0)).Image("v1", DaysAgo(1)))
            .Evaluate(new PolicyOverride { KeepNewest = 1 });

        Assert.Equal("keep: in-window, keep-newest, untagged", plan.Of("care/api", "build").Verdict());
    }

    [Fact]
    public void CountsTopLevelImagesOnlyNotIndexChildrenOrArtifacts()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(50), i => i.Index("v2-amd64"))
                .Untagged("v2-amd64", DaysAgo(49))
                .Untagged("v2-signature", DaysAgo(48), i => i.Subject("v2"))
                .Image("v2-sbom", DaysAgo(47), i => i.Tagged(Digests.AttachmentTag("v2", ".sbom")))
                .Image("v1", DaysAgo(90))
                .Image("v0", DaysAgo(100)))
            .Evaluate(new PolicyOverride { KeepNewest = 2, WindowDays = 0 });

        Assert.Equal("keep: keep-newest, outside-window", plan.Of("care/api", "v2").Verdict());
        Assert.Equal("keep: index-child, outside-window, untagged", plan.Of("care/api", "v2-amd64").Verdict());
        Assert.Equal("keep: attached-artifact, outside-window, untagged", plan.Of("care/api", "v2-signature").Verdict());
        Assert.Equal("keep: attached-artifact, in-window", plan.Of("care/api", "v2-sbom").Verdict());
        Assert.Equal("keep: keep-newest, outside-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal(["v0"], plan.Deleted("care/api"));
    }

    [Fact]
    public void BreaksATieInPushTimeByAscendingDigest()
    {
        string[] byDigest = [.. new[] { "left", "right" }.OrderBy(Digests.Of, StringComparer.Ordinal)];
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v9", DaysAgo(0)).Image("left", DaysAgo(50)).Image("right", DaysAgo(50)))
            .Evaluate(new PolicyOverride { KeepNewest = 2 });

        Assert.Equal("keep: keep-newest, outside-window", plan.Of("care/api", byDigest[0]).Verdict());
        Assert.Equal([byDigest[1]], plan.Deleted("care/api"));
    }

    [Fact]
    public void CountsArchivedImagesLikeActiveOnes()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v3", DaysAgo(0)).Image("v2", DaysAgo(40), i => i.Archived()).Image("v1", DaysAgo(50)))
            .Evaluate(new PolicyOverride { KeepNewest = 2 });

        Assert.Equal("keep: keep-newest, outside-window", plan.Of("care/api", "v2").Verdict());
        Assert.Equal(["v1"], plan.Deleted("care/api"));
    }

    [Fact]
    public void KeepsNothingExtraWithZero()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(50)))
            .Evaluate(new PolicyOverride { KeepNewest = 0 });

        Assert.Equal("keep: in-window", plan.Of("care/api", "v2").Verdict());
        Assert.Equal(["v1"], plan.Deleted("care/api"));
    }

    [Fact]
    public void KeepsEveryTopLevelImageWhenNExceedsTheirNumber()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(50)))
            .Evaluate(new PolicyOverride { KeepNewest = 10 });

        Assert.Empty(plan.Deleted("care/api"));
    }
}
