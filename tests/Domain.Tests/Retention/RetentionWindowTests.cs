using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>SPEC 3.1: the window is anchored on the repository's newest push; a day is 24 hours.</summary>
public class RetentionWindowTests
{
    private static readonly DateTimeOffset Newest = DaysAgo(2);

    [Fact]
    public void KeepsAnImagePushedExactly30DaysBeforeTheNewestPush()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("newest", Newest).Image("edge", Newest - TimeSpan.FromDays(30)))
            .Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "edge").Verdict());
    }

    [Fact]
    public void DeletesAnImagePushedOneTickMoreThan30DaysBeforeTheNewestPush()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("newest", Newest).Image("edge", Newest - TimeSpan.FromDays(30) - TimeSpan.FromTicks(1)))
            .Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "edge").Verdict());
    }

    [Fact]
    public void CountsADayAs24HoursWhateverTheOffsetOfThePushTimes()
    {
        var newestInTokyo = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(9));
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("newest", newestInTokyo)
                .Image("inside", new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero))
                .Image("outside", new DateTimeOffset(2026, 10, 1, 23, 59, 59, TimeSpan.Zero)))
            .Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "inside").Verdict());
        Assert.Equal("delete: outside-window", plan.Of("care/api", "outside").Verdict());
    }

    [Fact]
    public void KeepsTheLast30DaysOfADormantRepository()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("last", DaysAgo(400)).Image("before", DaysAgo(420)).Image("ancient", DaysAgo(431)))
            .Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "last").Verdict());
        Assert.Equal("keep: in-window", plan.Of("care/api", "before").Verdict());
        Assert.Equal(["ancient"], plan.Deleted("care/api"));
    }

    [Fact]
    public void AnchorsOnAnAttachedArtifactPushedAfterEveryImage()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(20))
                .Image("v1", DaysAgo(45))
                .Untagged("v2-signature", DaysAgo(10), i => i.Subject("v2")))
            .Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void AnchorsOnAnIndexChildPushedAfterEveryOtherImage()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(20), i => i.Index("v2-amd64"))
                .Untagged("v2-amd64", DaysAgo(10))
                .Image("v1", DaysAgo(45)))
            .Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void AnchorsOnAnArchivedImage()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v3", DaysAgo(5), i => i.Archived()).Image("v2", DaysAgo(30)).Image("v1", DaysAgo(40)))
            .Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "v3").Verdict());
        Assert.Equal("keep: in-window", plan.Of("care/api", "v2").Verdict());
        Assert.Equal(["v1"], plan.Deleted("care/api"));
    }

    [Fact]
    public void AnchorsEachRepositoryOnItsOwnNewestPush()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("api-v1", DaysAgo(100)))
            .Repository("care/web", r => r.Image("web-v2", DaysAgo(0)).Image("web-v1", DaysAgo(100)))
            .Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "api-v1").Verdict());
        Assert.Equal("delete: outside-window", plan.Of("care/web", "web-v1").Verdict());
    }

    [Fact]
    public void GivesAnEmptyRepositoryAnEmptyPlan()
    {
        var plan = new InventoryBuilder().Repository("care/api", _ => { }).Evaluate();

        var repository = plan.Repository("care/api");
        Assert.Empty(repository.Images);
        Assert.Equal(new StorageFigures(0, 0, 0), repository.Bytes);
    }
}
