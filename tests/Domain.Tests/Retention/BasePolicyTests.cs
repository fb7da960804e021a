using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>The seed table of SPEC 3: the base policy, row by row and all rows at once.</summary>
public class BasePolicyTests
{
    [Fact]
    public void DeletesAnImageWithNoTagEvenInsideTheWindow()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(1)).Untagged("build", DaysAgo(2)))
            .Evaluate();

        Assert.Equal("delete: in-window, untagged", plan.Of("care/api", "build").Verdict());
    }

    [Fact]
    public void DeletesAnUnusedImagePushedMoreThan30DaysBeforeTheNewestPush()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(1)).Image("v1", DaysAgo(40)))
            .Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void KeepsAnImagePushedWithin30DaysOfTheNewestPush()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(1)).Image("v1", DaysAgo(25)))
            .Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal("keep: in-window", plan.Of("care/api", "v2").Verdict());
    }

    [Fact]
    public void KeepsAnImagePushedMoreThan30DaysBeforeTheNewestPushThatEcsUses()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(1)).Image("v1", DaysAgo(40)))
            .Task("care/api:v1")
            .Evaluate();

        Assert.Equal("keep: in-use, outside-window", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void DeletesAnUntaggedImageOutsideTheWindowWithBothReasons()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(1)).Untagged("old", DaysAgo(40)))
            .Evaluate();

        Assert.Equal("delete: outside-window, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void DecidesEveryRowOfTheSeedTableInOneRepository()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v5", DaysAgo(0))
                .Untagged("untagged", DaysAgo(3))
                .Image("recent", DaysAgo(20))
                .Image("stale", DaysAgo(45))
                .Image("running", DaysAgo(90)))
            .Task("care/api:running")
            .Evaluate();

        var repository = plan.Repository("care/api");
        Assert.Equal(["v5", "untagged", "recent", "stale", "running"], repository.Names());
        Assert.Equal(
            ["keep: in-window", "delete: in-window, untagged", "keep: in-window", "delete: outside-window", "keep: in-use, outside-window"],
            repository.Images.Select(image => image.Verdict()));
        Assert.Equal(["stale", "untagged"], plan.Deleted("care/api"));
    }
}
