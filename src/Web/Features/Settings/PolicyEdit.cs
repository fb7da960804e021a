using EcrCurator.Infrastructure.Policies;

namespace EcrCurator.Web.Features.Settings;

/// <summary>The levels a stored policy applies at (the <c>policies.scope</c> column).</summary>
public enum PolicyScope
{
    Default,
    Team,
    Repository,
}

/// <summary>
/// A stored policy being added or edited: where it applies and its fields (null: inherit). The target of an existing
/// policy does not change; <see cref="Version"/> is the row version it was read at.
/// </summary>
public sealed class PolicyEdit
{
    public long? Id { get; init; }

    public PolicyScope Scope { get; init; }

    public string? Team { get; set; }

    public string? Repository { get; set; }

    public string? AccountId { get; set; }

    public string? Region { get; set; }

    public PolicyFields Fields { get; set; } = new();

    public uint Version { get; init; }

    public bool IsNew => Id is null;

    /// <summary>What the policy applies to, for messages and the audit log.</summary>
    public string Describe() => Scope switch
    {
        PolicyScope.Default => "the default policy",
        PolicyScope.Team => $"the policy of team {Team}",
        _ => $"the policy of repository {Repository}" + (AccountId is null && Region is null ? "" : $" ({AccountId ?? "any account"}, {Region ?? "any region"})"),
    };
}

/// <summary>A policy kept in the database, as the Settings page lists it.</summary>
public sealed record StoredPolicy(
    long Id, PolicyScope Scope, string? Team, string? Repository, string? AccountId, string? Region, PolicyFields Fields, string UpdatedBy, DateTimeOffset UpdatedAt, uint Version)
{
    public PolicyEdit ToEdit() => new()
    {
        Id = Id, Scope = Scope, Team = Team, Repository = Repository, AccountId = AccountId, Region = Region, Fields = Fields.Copy(), Version = Version,
    };
}

/// <summary>A team or repository policy of the configuration (read-only here: stored policies override it field by field).</summary>
public sealed record ConfiguredPolicy(string? Team, string? Repository, string? AccountId, string? Region, PolicyFields Fields);

/// <summary>Every policy the Settings page shows: stored ones over the configuration's, and the teams known so far.</summary>
public sealed record PoliciesView(
    StoredPolicy? Default,
    IReadOnlyList<StoredPolicy> Teams,
    IReadOnlyList<StoredPolicy> Repositories,
    IReadOnlyList<ConfiguredPolicy> ConfiguredTeams,
    IReadOnlyList<ConfiguredPolicy> ConfiguredRepositories,
    IReadOnlyList<string> KnownTeams)
{
    public PolicyEdit DefaultEdit() => Default?.ToEdit() ?? new PolicyEdit { Scope = PolicyScope.Default };
}
