using EcrCurator.Domain;
using EcrCurator.Web.Features.Repository;

namespace EcrCurator.Web.Tests.Features.Repository;

public class PolicyOriginsTests
{
    private static readonly RepositoryKey CareApi = new("111111111111", "ap-northeast-1", "care/api");

    [Fact]
    public void WithNoPolicyEverySettingIsTheBuiltInDefault()
    {
        var settings = PolicyOrigins.Of(PolicySet.BasePolicy, CareApi, "care");

        Assert.Equal(Enum.GetValues<PolicyField>(), settings.Select(setting => setting.Field));
        Assert.All(settings, setting => Assert.Equal(PolicyLevel.Default, setting.Origin));
        Assert.Equal(30, Value(settings, PolicyField.WindowDays));
        Assert.Equal(true, Value(settings, PolicyField.DeleteUntagged));
        Assert.Null(Value(settings, PolicyField.KeepPulledWithinDays));
        Assert.Empty((string[])Value(settings, PolicyField.KeepTagPatterns)!);
        Assert.Equal(RetentionMode.Approve, Value(settings, PolicyField.Mode));
    }

    [Fact]
    public void EachSettingNamesTheLevelThatSetItLast()
    {
        var policies = new PolicySet(
            new PolicyOverride { WindowDays = 45 },
            [new TeamPolicy("care", new PolicyOverride { KeepNewest = 5, WindowDays = 20 }), new TeamPolicy("shop", new PolicyOverride { Excluded = true })],
            [new RepositoryPolicy("care/api", new PolicyOverride { KeepTagPatterns = [new TagPattern("release-*")], Mode = RetentionMode.AutoRun })]);

        var settings = PolicyOrigins.Of(policies, CareApi, "care");

        Assert.Equal(new PolicySetting(PolicyField.WindowDays, 20, PolicyLevel.Team, "care"), Setting(settings, PolicyField.WindowDays));
        Assert.Equal(new PolicySetting(PolicyField.KeepNewest, 5, PolicyLevel.Team, "care"), Setting(settings, PolicyField.KeepNewest));
        Assert.Equal(new PolicySetting(PolicyField.Excluded, false, PolicyLevel.Default), Setting(settings, PolicyField.Excluded));
        Assert.Equal(new PolicySetting(PolicyField.Mode, RetentionMode.AutoRun, PolicyLevel.Repository), Setting(settings, PolicyField.Mode));
        Assert.Equal(["release-*"], (string[])Value(settings, PolicyField.KeepTagPatterns)!);
        Assert.Equal(PolicyLevel.Repository, settings.Single(setting => setting.Field == PolicyField.KeepTagPatterns).Origin);
    }

    [Fact]
    public void AConfiguredDefaultIsADefault()
    {
        var settings = PolicyOrigins.Of(new PolicySet(new PolicyOverride { KeepRollbackRevisions = 2 }, [], []), CareApi, "care");

        Assert.Equal(new PolicySetting(PolicyField.KeepRollbackRevisions, 2, PolicyLevel.Default), Setting(settings, PolicyField.KeepRollbackRevisions));
    }

    [Fact]
    public void ARepositoryPolicyForAnotherAccountOrRegionDoesNotApply()
    {
        var policies = new PolicySet(PolicyOverride.None, [], [
            new RepositoryPolicy("care/api", new PolicyOverride { WindowDays = 7 }) { AccountId = "999999999999" },
            new RepositoryPolicy("care/api", new PolicyOverride { KeepNewest = 9 }) { Region = "us-east-1" },
            new RepositoryPolicy("care/api", new PolicyOverride { DeleteUntagged = false }) { AccountId = CareApi.AccountId, Region = CareApi.Region },
        ]);

        var settings = PolicyOrigins.Of(policies, CareApi, "care");

        Assert.Equal(new PolicySetting(PolicyField.WindowDays, 30, PolicyLevel.Default), Setting(settings, PolicyField.WindowDays));
        Assert.Equal(new PolicySetting(PolicyField.KeepNewest, 0, PolicyLevel.Default), Setting(settings, PolicyField.KeepNewest));
        Assert.Equal(new PolicySetting(PolicyField.DeleteUntagged, false, PolicyLevel.Repository), Setting(settings, PolicyField.DeleteUntagged));
    }

    [Fact]
    public void ALaterRepositoryPolicyOverridesAnEarlierOneAndAnEmptyListReplacesAnInheritedOne()
    {
        var policies = new PolicySet(
            PolicyOverride.None,
            [new TeamPolicy("care", new PolicyOverride { KeepTagPatterns = [new TagPattern("v*")], KeepPulledWithinDays = 14 })],
            [
                new RepositoryPolicy("care/api", new PolicyOverride { KeepPulledWithinDays = 3 }),
                new RepositoryPolicy("care/api", new PolicyOverride { KeepTagPatterns = [] }),
            ]);

        var settings = PolicyOrigins.Of(policies, CareApi, "care");

        Assert.Equal(new PolicySetting(PolicyField.KeepPulledWithinDays, 3, PolicyLevel.Repository), Setting(settings, PolicyField.KeepPulledWithinDays));
        Assert.Empty((string[])Value(settings, PolicyField.KeepTagPatterns)!);
        Assert.Equal(PolicyLevel.Repository, settings.Single(setting => setting.Field == PolicyField.KeepTagPatterns).Origin);
    }

    [Fact]
    public void TheValuesAreThePolicyTheEngineApplies()
    {
        var policies = new PolicySet(
            new PolicyOverride { WindowDays = 60, KeepNewest = 1 },
            [new TeamPolicy("care", new PolicyOverride { KeepNewest = 4, KeepRollbackRevisions = 3, Excluded = true })],
            [new RepositoryPolicy("care/api", new PolicyOverride { Excluded = false, KeepPulledWithinDays = 10, Mode = RetentionMode.AutoRun })]);
        var policy = policies.For(CareApi, "care");

        var settings = PolicyOrigins.Of(policies, CareApi, "care");

        Assert.Equal(
            new object?[] { policy.WindowDays, policy.DeleteUntagged, policy.KeepNewest, policy.KeepPulledWithinDays, policy.KeepTagPatterns.Select(pattern => pattern.Glob).ToArray(), policy.KeepRollbackRevisions, policy.Excluded, policy.Mode, policy.Action, policy.QuarantineDays, policy.NoticeHours },
            settings.Select(setting => setting.Value));
    }

    private static object? Value(IReadOnlyList<PolicySetting> settings, PolicyField field) => settings.Single(setting => setting.Field == field).Value;

    private static PolicySetting Setting(IReadOnlyList<PolicySetting> settings, PolicyField field) => settings.Single(setting => setting.Field == field);
}
