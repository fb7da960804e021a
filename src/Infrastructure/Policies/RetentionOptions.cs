using EcrCurator.Domain;

namespace EcrCurator.Infrastructure.Policies;

/// <summary>
/// Teams and retention policies kept as code in the <c>Curator</c> configuration section: the default policy,
/// policies per team and per repository, and how repositories are assigned to teams.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Curator";

    public PolicyFields Policy { get; set; } = new();

    public List<TeamPolicyOptions> TeamPolicies { get; set; } = [];

    public List<RepositoryPolicyOptions> RepositoryPolicies { get; set; } = [];

    public TeamsOptions Teams { get; set; } = new();

    public PolicySet ToPolicySet() => new(
        Policy.ToOverride(),
        [.. TeamPolicies.Select(team => new TeamPolicy(team.Team, team.ToOverride()))],
        [.. RepositoryPolicies.Select(repository => new RepositoryPolicy(repository.Repository, repository.ToOverride())
        {
            AccountId = repository.AccountId,
            Region = repository.Region,
        })]);

    public TeamRules ToTeamRules() =>
        new(Teams.TagKey, [.. Teams.Prefixes.Select(prefix => new TeamPrefix(prefix.Prefix, prefix.Team))]);
}

public sealed class TeamsOptions
{
    /// <summary>The repository resource tag that names a repository's team.</summary>
    public string TagKey { get; set; } = "team";

    public List<TeamPrefixOptions> Prefixes { get; set; } = [];
}

public sealed class TeamPrefixOptions
{
    public string Prefix { get; set; } = "";

    public string Team { get; set; } = "";
}
