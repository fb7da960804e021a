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

    /// <summary><c>Pending</c>, <c>Approved</c>, <c>Rejected</c>, <c>Superseded</c>, <c>Executing</c> or <c>Executed</c>.</summary>
    public string Status { get; set; } = ProposalStatus.Pending;

    /// <summary>A hash of the candidates' digests and tags, to tell whether the set changed.</summary>
    public required string CandidateSet { get; set; }

    public int CandidateCount { get; set; }

    public long CandidateBytes { get; set; }

    public long ReclaimableBytes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

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
