namespace EcrCurator.Web.Features.History;

/// <summary>
/// What the audit log is filtered by: an actor, actions (any of them), a team, a repository (<c>account/region/name</c>:
/// its own entries and its images'), and days in the display zone (from and to both included). Empty means any.
/// </summary>
public sealed record AuditFilter(
    string? Actor = null, IReadOnlyList<string>? Actions = null, string? Team = null, string? Repository = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The actions asked for, trimmed, without blanks or repeats.</summary>
    public IReadOnlyList<string> GivenActions => [.. (Actions ?? []).Where(action => !string.IsNullOrWhiteSpace(action)).Select(action => action.Trim()).Distinct()];
}

/// <summary>One entry of the audit log; <see cref="Details"/> is its JSON; <see cref="ActorKind"/> <c>person</c> or <c>automation</c>.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Team, string Details, string ActorKind)
{
    /// <summary>
    /// On an <c>execution.started</c> entry listed with its images grouped (<see cref="AuditGroups"/>): how many per-image
    /// entries that execution recorded until it next started; otherwise 0.
    /// </summary>
    public int Images { get; init; }
}

/// <summary>The last nightly verification of the audit chain: when, whether it was intact, how many entries, the head, the problem.</summary>
public sealed record ChainVerification(DateTimeOffset At, bool Intact, long Entries, string Head, string? Problem);

/// <summary>What the filters offer: the actions and actors the log holds, and the teams.</summary>
public sealed record AuditChoices(IReadOnlyList<string> Actions, IReadOnlyList<string> Actors, IReadOnlyList<string> Teams);

/// <summary>A proposal whose execution ended (executed, partially executed or failed).</summary>
public sealed record ExecutedProposal(
    long Id, string Repository, string Team, string? ApprovedBy, DateTimeOffset? ApprovedAt, DateTimeOffset? FinishedAt,
    string Status, string? StatusReason, long DeletedBytes, int Outcomes)
{
    /// <summary>The bytes its execution archived (quarantined) instead of deleting them.</summary>
    public long ArchivedBytes { get; init; }
}
