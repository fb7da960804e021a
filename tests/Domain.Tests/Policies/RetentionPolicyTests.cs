using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 2 and 3.6: the defaults, bad input, and the mode.</summary>
public class RetentionPolicyTests
{
    [Fact]
    public void DefaultsToTheBasePolicyOfTheSpecification()
    {
        var policy = RetentionPolicy.Default;

        Assert.Equal(30, policy.WindowDays);
        Assert.True(policy.DeleteUntagged);
        Assert.Equal(0, policy.KeepNewest);
        Assert.Null(policy.KeepPulledWithinDays);
        Assert.Empty(policy.KeepTagPatterns);
        Assert.Equal(0, policy.KeepRollbackRevisions);
        Assert.False(policy.Excluded);
        Assert.Equal(RetentionMode.Approve, policy.Mode);
        Assert.Equal(RetentionAction.Delete, policy.Action);
        Assert.Equal(90, policy.QuarantineDays);
    }

    public static TheoryData<string, Action> NegativeNumbers => new()
    {
        { "override WindowDays", () => _ = new PolicyOverride { WindowDays = -1 } },
        { "override KeepNewest", () => _ = new PolicyOverride { KeepNewest = -1 } },
        { "override KeepPulledWithinDays", () => _ = new PolicyOverride { KeepPulledWithinDays = -1 } },
        { "override KeepRollbackRevisions", () => _ = new PolicyOverride { KeepRollbackRevisions = -1 } },
        { "policy WindowDays", () => _ = RetentionPolicy.Default with { WindowDays = -1 } },
        { "policy KeepNewest", () => _ = RetentionPolicy.Default with { KeepNewest = -1 } },
        { "policy KeepPulledWithinDays", () => _ = RetentionPolicy.Default with { KeepPulledWithinDays = -1 } },
        { "policy KeepRollbackRevisions", () => _ = RetentionPolicy.Default with { KeepRollbackRevisions = int.MinValue } },
        { "override QuarantineDays", () => _ = new PolicyOverride { QuarantineDays = -1 } },
        { "policy QuarantineDays", () => _ = RetentionPolicy.Default with { QuarantineDays = 0 } },
    };

    [Theory]
    [MemberData(nameof(NegativeNumbers))]
    public void RejectsANegativeNumberOfDaysOrImagesAsBadInput(string field, Action set)
    {
        Assert.NotEmpty(field);
        Assert.Throws<ArgumentOutOfRangeException>(set);
    }

    [Fact]
    public void CarriesTheModeIntoTheRepositoryPlanWithoutChangingDecisions()
    {
        var world = new InventoryBuilder().Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40)));

        var approve = world.Evaluate();
        var autoRun = world.Evaluate(new PolicyOverride { Mode = RetentionMode.AutoRun });

        Assert.Equal(RetentionMode.Approve, approve.Repository("care/api").Policy.Mode);
        Assert.Equal(RetentionMode.AutoRun, autoRun.Repository("care/api").Policy.Mode);
        Assert.Equal(approve.Deleted("care/api"), autoRun.Deleted("care/api"));
    }
}
