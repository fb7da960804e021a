namespace EcrCurator.Domain.Tests.Builders;

/// <summary>A policy set: a default, then team policies, then repository policies in order.</summary>
public sealed class PolicyBuilder
{
    private readonly List<TeamPolicy> teams = [];
    private readonly List<RepositoryPolicy> repositories = [];
    private PolicyOverride defaults = PolicyOverride.None;

    public PolicyBuilder Default(PolicyOverride policy)
    {
        defaults = policy;
        return this;
    }

    public PolicyBuilder Team(string team, PolicyOverride policy)
    {
        teams.Add(new TeamPolicy(team, policy));
        return this;
    }

    public PolicyBuilder Repository(string name, PolicyOverride policy, string? account = null, string? region = null)
    {
        repositories.Add(new RepositoryPolicy(name, policy) { AccountId = account, Region = region });
        return this;
    }

    public PolicySet Build() => new(defaults, [.. teams], [.. repositories]);
}
