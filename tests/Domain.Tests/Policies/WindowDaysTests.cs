using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 3.6: the window's length in days (of 24 hours) is a policy override.</summary>
public class WindowDaysTests
{
    private static InventoryBuilder World() => new InventoryBuilder()
        .Repository("care/api", r => r
            .Image("newest", DaysAgo(3))
            .Image("seven", DaysAgo(10))
            .Image("seven-and-a-tick", DaysAgo(10) - TimeSpan.FromTicks(1))
            .Image("ninety", DaysAgo(93)));

    [Fact]
    public void ShortensTheWindowToTheDaysItSets()
    {
        var plan = World().Evaluate(new PolicyOverride { WindowDays = 7 });

        Assert.Equal("keep: in-window", plan.Of("care/api", "seven").Verdict());
        Assert.Equal(["ninety", "seven-and-a-tick"], plan.Deleted("care/api"));
    }

    [Fact]
    public void LengthensTheWindowToTheDaysItSets()
    {
        var plan = World().Evaluate(new PolicyOverride { WindowDays = 90 });

        Assert.Empty(plan.Deleted("care/api"));
        Assert.Equal("keep: in-window", plan.Of("care/api", "ninety").Verdict());
    }

    [Fact]
    public void KeepsOnlyTheNewestPushInsideAWindowOfZeroDays()
    {
        var plan = World().Evaluate(new PolicyOverride { WindowDays = 0 });

        Assert.Equal("keep: in-window", plan.Of("care/api", "newest").Verdict());
        Assert.Equal(["ninety", "seven", "seven-and-a-tick"], plan.Deleted("care/api"));
    }

    [Fact]
    public void KeepsEverythingWhenTheWindowReachesBackBeforeAnyPossiblePush()
    {
        var plan = World().Evaluate(new PolicyOverride { WindowDays = 3_650_000 });

        Assert.Empty(plan.Deleted("care/api"));
        Assert.All(plan.Repository("care/api").Images, image => Assert.Equal("keep: in-window", image.Verdict()));
    }
}
