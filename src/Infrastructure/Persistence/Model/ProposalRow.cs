namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>
/// What a snapshot proposes to delete from one repository. A newer snapshot supersedes a pending proposal only when
/// the candidate set changed; otherwise it confirms it.
/// </summary>
public sealed class ProposalRow
{
    public long Id { get; set; }

    public long RepositoryId { get; set; }

    public long SnapshotId { get; set; }

    public long ConfirmedSnapshotId { get; set; }

    /// <summary>See <see cref="ProposalStatus"/>.</summary>
    public string Status { get; set; } = ProposalStatus.Pending;

    /// <summary>Why an execution ended as it did (partially executed, failed, stopped).</summary>
    public string? StatusReason { get; set; }

    /// <summary>The bytes its execution actually deleted (sizes as ECR reports them).</summary>
    public long DeletedBytes { get; set; }

    /// <summary>The bytes its execution archived (quarantined) instead of deleting them.</summary>
    public long ArchivedBytes { get; set; }

    /// <summary>A hash of the candidates' digests and tags, to tell whether the set changed.</summary>
    public required string CandidateSet { get; set; }

    public int CandidateCount { get; set; }

    public long CandidateBytes { get; set; }

    public long ReclaimableBytes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When its execution finished (executed, partially executed or failed): realised savings count from then.</summary>
    public DateTimeOffset? ExecutedAt { get; set; }

    /// <summary>When its team was first told of it (a successful delivery to a channel serving the team).</summary>
    public DateTimeOffset? NoticedAt { get; set; }

    /// <summary>A person approved it under notice: its execution waits until then, unless an Admin overrides.</summary>
    public DateTimeOffset? ExecuteAfter { get; set; }

    /// <summary>Who asked for a hold (<see cref="ProposalStatus.Held"/>), why and when.</summary>
    public string? HeldBy { get; set; }

    public string? HeldReason { get; set; }

    public DateTimeOffset? HeldAt { get; set; }

    public uint Version { get; set; }

    public List<ProposalCandidateRow> Candidates { get; set; } = [];

    public List<ApprovalRow> Approvals { get; set; } = [];

    public List<ExclusionRow> Exclusions { get; set; } = [];
}

public static class ProposalStatus
{
    public const string Pending = "Pending";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string Superseded = "Superseded";
    public const string Executing = "Executing";
    public const string Executed = "Executed";
    public const string PartiallyExecuted = "PartiallyExecuted";
    public const string Failed = "Failed";

    /// <summary>A team member asked to hold it: nothing executes it until a Curator releases (pending again) or rejects it.</summary>
    public const string Held = "Held";
}

public sealed class ProposalCandidateRow
{
    public long ProposalId { get; set; }

    public required string Digest { get; set; }

    public string[] Tags { get; set; } = [];

    public long SizeBytes { get; set; }

    public DateTimeOffset PushedAt { get; set; }

    public DateTimeOffset? LastPulledAt { get; set; }

    public string[] Reasons { get; set; } = [];

    /// <summary>What its execution does: see <see cref="CandidateActions"/>.</summary>
    public string Action { get; set; } = CandidateActions.Delete;

    public bool IsQuarantine => Action == CandidateActions.Quarantine;
}

/// <summary>What executing a candidate does: delete it, or archive it (quarantine).</summary>
public static class CandidateActions
{
    public const string Delete = "delete";
    public const string Quarantine = "quarantine";

    public static string Of(Domain.RetentionAction action) => action == Domain.RetentionAction.Quarantine ? Quarantine : Delete;
}

public sealed class ApprovalRow
{
    public long Id { get; set; }

    public long ProposalId { get; set; }

    public required string Actor { get; set; }

    public bool Approved { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset At { get; set; }
}

public sealed class ExclusionRow
{
    public long ProposalId { get; set; }

    public required string Digest { get; set; }

    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>What became of one candidate when its proposal was executed (SPEC 4).</summary>
public sealed class ExecutionOutcomeRow
{
    public long ProposalId { get; set; }

    public required string Digest { get; set; }

    /// <summary>See <see cref="Outcomes"/>.</summary>
    public required string Outcome { get; set; }

    public string? Error { get; set; }

    public long SizeBytes { get; set; }

    public DateTimeOffset At { get; set; }
}

public static class Outcomes
{
    public const string Deleted = "deleted";

    /// <summary>A candidate to quarantine, archived (ECR's archive storage class) instead of deleted.</summary>
    public const string Archived = "archived";
    public const string AlreadyGone = "already-gone";
    public const string SkippedInUse = "skipped-in-use";
    public const string SkippedPinned = "skipped-pinned";
    public const string SkippedChanged = "skipped-changed";
    public const string SkippedKept = "skipped-kept";
    public const string SkippedUnverified = "skipped-unverified";
    public const string DryRun = "dry-run";
    public const string Failed = "failed";

    /// <summary>A candidate the approver excluded: it stays, and so does what hangs on it.</summary>
    public const string Excluded = "excluded";
}
