using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 3.6: <c>DeleteUntagged: false</c> removes only decision step 3.</summary>
public class DeleteUntaggedTests
{
    private static readonly PolicyOverride KeepUntagged = new() { DeleteUntagged = false };

    private static InventoryBuilder World() => new InventoryBuilder()
        .Repository("care/api", r => r
            .Image("v2", DaysAgo(0))
            .Untagged("recent", DaysAgo(5))
            .Untagged("old", DaysAgo(40))
            .Image("v1", DaysAgo(40)));

    [Fact]
    public void KeepsAnUntaggedImageInsideTheWindowStillListedAsUntagged()
    {
        var plan = World().Evaluate(KeepUntagged);

        Assert.Equal("keep: in-window, untagged", plan.Of("care/api", "recent").Verdict());
    }

    [Fact]
    public void StillDeletesAnUntaggedImageOutsideTheWindow()
    {
        var plan = World().Evaluate(KeepUntagged);

        Assert.Equal("delete: outside-window, untagged", plan.Of("care/api", "old").Verdict());
        Assert.Equal(["old", "v1"], plan.Deleted("care/api"));
    }

    [Fact]
    public void DeletesAnUntaggedImageInsideTheWindowByDefault()
    {
        var plan = World().Evaluate();

        Assert.Equal("delete: in-window, untagged", plan.Of("care/api", "recent").Verdict());
    }

    [Fact]
    public void StillLetsProtectionKeepAnUntaggedImageOutsideTheWindow()
    {
        var plan = World().Pin("care/api", "old").Evaluate(KeepUntagged);

        Assert.Equal("keep: outside-window, pinned, untagged", plan.Of("care/api", "old").Verdict());
    }
}
