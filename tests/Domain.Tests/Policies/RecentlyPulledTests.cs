using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 3.6: keep images pulled within D days of now, inclusive; 0 or null switches it off.</summary>
public class RecentlyPulledTests
{
    private static readonly PolicyOverride SevenDays = new() { KeepPulledWithinDays = 7 };

    private static RetentionPlan Evaluate(DateTimeOffset? pulled, PolicyOverride policy) => new InventoryBuilder()
        .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Untagged("old", DaysAgo(40), i =>
        {
            if (pulled is { } at)
            {
                i.Pulled(at);
            }
        }))
        .Evaluate(policy);

    [Fact]
    public void KeepsAnImagePulledWithinTheDays()
    {
        var plan = Evaluate(DaysAgo(2), SevenDays);

        Assert.Equal("keep: outside-window, recently-pulled, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void KeepsAnImagePulledExactlyTheDaysBeforeNow()
    {
        var plan = Evaluate(DaysAgo(7), SevenDays);

        Assert.Equal("keep: outside-window, recently-pulled, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void DeletesAnImagePulledOneTickTooEarly()
    {
        var plan = Evaluate(DaysAgo(7) - TimeSpan.FromTicks(1), SevenDays);

        Assert.Equal("delete: outside-window, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void CountsAPullTimeLaterThanNowAsRecent()
    {
        var plan = Evaluate(DaysLater(3), SevenDays);

        Assert.Equal("keep: outside-window, recently-pulled, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void DeletesAnImageNeverPulled()
    {
        var plan = Evaluate(null, SevenDays);

        Assert.Equal("delete: outside-window, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(null)]
    public void IsSwitchedOffByZeroOrNull(int? days)
    {
        var plan = Evaluate(Now, new PolicyOverride { KeepPulledWithinDays = days });

        Assert.Equal("delete: outside-window, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void SwitchesOffAnInheritedValueWithZero()
    {
        var policies = new PolicyBuilder().Default(SevenDays).Repository("care/api", new() { KeepPulledWithinDays = 0 }).Build();
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40), i => i.Pulled(Now)))
            .Evaluate(policies);

        Assert.Equal("delete: outside-window", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void KeepsAnImagePulledWithinAVeryLongSpan()
    {
        var plan = Evaluate(DaysAgo(400), new PolicyOverride { KeepPulledWithinDays = 3_650_000 });

        Assert.Equal("keep: outside-window, recently-pulled, untagged", plan.Of("care/api", "old").Verdict());
    }
}
