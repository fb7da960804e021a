using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 2: default, then the team's policy, then every matching repository policy in order, field by field.</summary>
public class PolicySetTests
{
    private static readonly RepositoryKey CareApi = Ecr.Key("care/api");

    [Fact]
    public void GivesTheBasePolicyWhenNothingIsSet()
    {
        Assert.Equal(RetentionPolicy.Default, PolicySet.BasePolicy.For(CareApi, "care"));
    }

    [Fact]
    public void LetsATeamPolicyOverrideOnlyTheFieldsItSets()
    {
        var policies = new PolicyBuilder()
            .Default(new() { WindowDays = 60, KeepNewest = 2 })
            .Team("care", new() { KeepNewest = 5 })
            .Team("ops", new() { WindowDays = 365 })
            .Build();

        Assert.Equal(RetentionPolicy.Default with { WindowDays = 60, KeepNewest = 5 }, policies.For(CareApi, "care"));
        Assert.Equal(RetentionPolicy.Default with { WindowDays = 60, KeepNewest = 2 }, policies.For(CareApi, "web"));
    }

    [Fact]
    public void LetsARepositoryPolicyOverrideTheTeams()
    {
        var policies = new PolicyBuilder()
            .Team("care", new() { KeepNewest = 5, Mode = RetentionMode.AutoRun })
            .Repository("care/api", new() { KeepNewest = 1 })
            .Build();

        Assert.Equal(RetentionPolicy.Default with { KeepNewest = 1, Mode = RetentionMode.AutoRun }, policies.For(CareApi, "care"));
        Assert.Equal(RetentionPolicy.Default with { KeepNewest = 5, Mode = RetentionMode.AutoRun }, policies.For(Ecr.Key("care/web"), "care"));
    }

    [Fact]
    public void AppliesEveryMatchingRepositoryPolicyInOrder()
    {
        var policies = new PolicyBuilder()
            .Repository("care/api", new() { KeepNewest = 1, WindowDays = 10 })
            .Repository("care/api", new() { KeepNewest = 3 }, account: Ecr.Account)
            .Repository("care/api", new() { DeleteUntagged = false }, region: Ecr.Region)
            .Build();

        Assert.Equal(RetentionPolicy.Default with { KeepNewest = 3, WindowDays = 10, DeleteUntagged = false }, policies.For(CareApi, "care"));
    }

    [Fact]
    public void AppliesARepositoryPolicyNarrowedByAccountAndRegionOnlyThere()
    {
        var policies = new PolicyBuilder().Repository("care/api", new() { Excluded = true }, Ecr.Account, Ecr.Region).Build();

        Assert.True(policies.For(CareApi, "care").Excluded);
        Assert.False(policies.For(Ecr.Key("care/api", account: Ecr.OtherAccount), "care").Excluded);
        Assert.False(policies.For(Ecr.Key("care/api", region: Ecr.OtherRegion), "care").Excluded);
        Assert.False(policies.For(Ecr.Key("care/api2"), "care").Excluded);
    }

    [Fact]
    public void ReplacesAnInheritedListWithAListThatIsSet()
    {
        var policies = new PolicyBuilder()
            .Default(new() { KeepTagPatterns = [new("prod-*")] })
            .Team("care", new() { KeepTagPatterns = [new("release-*"), new("v?")] })
            .Repository("care/api", new() { KeepTagPatterns = [new("stable")] })
            .Repository("care/web", new() { KeepTagPatterns = [] })
            .Build();

        Assert.Equal(["stable"], policies.For(CareApi, "care").KeepTagPatterns.Select(pattern => pattern.Glob));
        Assert.Equal(["release-*", "v?"], policies.For(Ecr.Key("care/ui"), "care").KeepTagPatterns.Select(pattern => pattern.Glob));
        Assert.Empty(policies.For(Ecr.Key("care/web"), "care").KeepTagPatterns);
    }

    [Fact]
    public void LetsFalseOverrideAnInheritedTrue()
    {
        var policies = new PolicyBuilder()
            .Default(new() { Excluded = true })
            .Team("care", new() { DeleteUntagged = false })
            .Repository("care/api", new() { Excluded = false, DeleteUntagged = true })
            .Build();

        Assert.Equal(RetentionPolicy.Default, policies.For(CareApi, "care"));
        Assert.Equal(RetentionPolicy.Default with { Excluded = true, DeleteUntagged = false }, policies.For(Ecr.Key("care/web"), "care"));
    }

    [Fact]
    public void DecidesEachRepositoryByTheTeamItBelongsTo()
    {
        var policies = new PolicyBuilder().Team("care", new() { WindowDays = 90 }).Build();
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(60)), team: "care")
            .Repository("web/app", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(60)), team: "web")
            .Evaluate(policies);

        Assert.Empty(plan.Deleted("care/api"));
        Assert.Equal(["v1"], plan.Deleted("web/app"));
        Assert.Equal(90, plan.Repository("care/api").Policy.WindowDays);
        Assert.Equal("care", plan.Repository("care/api").Repository.Team);
    }
}
