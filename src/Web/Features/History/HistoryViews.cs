namespace EcrCurator.Web.Features.History;

/// <summary>
/// What the audit log is filtered by: an actor, an action, a team, a repository (<c>account/region/name</c>: its own
/// entries and its images'), and days in the display zone (from and to both included). Empty means any.
/// </summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Team = null, string? Repository = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One entry of the audit log; <see cref="Details"/> is its JSON; <see cref="ActorKind"/> <c>person</c> or <c>automation</c>.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Team, string Details, string ActorKind);

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
