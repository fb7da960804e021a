using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>SPEC 3.3: a pinned image is kept until the pin is removed or expires.</summary>
public class PinTests
{
    private static InventoryBuilder World() => new InventoryBuilder()
        .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Untagged("old", DaysAgo(40)).Image("v1", DaysAgo(50)));

    [Fact]
    public void KeepsAPinnedUntaggedImageOutsideTheWindow()
    {
        var plan = World().Pin("care/api", "old").Evaluate();

        Assert.Equal("keep: outside-window, pinned, untagged", plan.Of("care/api", "old").Verdict());
        Assert.Equal(["v1"], plan.Deleted("care/api"));
    }

    [Fact]
    public void KeepsAnImageWhosePinExpiresAfterNow()
    {
        var plan = World().Pin("care/api", "v1", expires: Now + TimeSpan.FromTicks(1)).Evaluate();

        Assert.Equal("keep: outside-window, pinned", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void DeletesAnImageWhosePinExpiresExactlyNow()
    {
        var plan = World().Pin("care/api", "v1", expires: Now).Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void DeletesAnImageWhosePinExpiredYesterday()
    {
        var plan = World().Pin("care/api", "v1", expires: DaysAgo(1)).Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void DoesNotProtectAnImageWithAPinOnTheSameDigestInAnotherRepository()
    {
        var plan = World()
            .Repository("care/web", r => r.Image("v1", DaysAgo(50)))
            .Pin("care/web", "v1")
            .Pin("care/api", "v1", account: Ecr.OtherAccount)
            .Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal("keep: in-window, pinned", plan.Of("care/web", "v1").Verdict());
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(1L, true)]
    [InlineData(0L, false)]
    [InlineData(-1L, false)]
    public void IsActiveOnlyBeforeItExpires(long? ticksAfterNow, bool active)
    {
        var pin = new Pin(Ecr.Key("care/api"), Digests.Of("v1"), ticksAfterNow is { } ticks ? Now + TimeSpan.FromTicks(ticks) : null);

        Assert.Equal(active, pin.IsActiveAt(Now));
    }
}
