namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>A curated repository as the latest snapshot saw it, with its latest figures.</summary>
public sealed class RepositoryRow
{
    public long Id { get; set; }

    public required string AccountId { get; set; }

    public required string Region { get; set; }

    public required string Name { get; set; }

    public required string Team { get; set; }

    /// <summary>Its resource tags as <c>key=value</c>.</summary>
    public string[] Tags { get; set; } = [];

    public string Mode { get; set; } = "Approve";

    /// <summary>The notice period of its policy (hours the team must have been told before AutoRun deletes).</summary>
    public int NoticeHours { get; set; }

    public int ImageCount { get; set; }

    public int CandidateCount { get; set; }

    public int InUseCount { get; set; }

    public int PinnedCount { get; set; }

    public long ImageBytes { get; set; }

    public long CandidateBytes { get; set; }

    public long ReclaimableBytes { get; set; }

    /// <summary>The sizes of its images in ECR's archive (archived, or being restored).</summary>
    public long ArchivedBytes { get; set; }

    /// <summary>The sizes of its candidates that are archived (quarantined) instead of deleted: part of <see cref="CandidateBytes"/>.</summary>
    public long QuarantineBytes { get; set; }

    public DateTimeOffset? LastPushedAt { get; set; }

    public long LastSnapshotId { get; set; }

    /// <summary>Its ECR lifecycle policy's JSON text as the latest snapshot read it; null when it has none (or it could not be read).</summary>
    public string? LifecyclePolicy { get; set; }

    /// <summary>Why the latest snapshot could not read its lifecycle policy.</summary>
    public string? LifecycleUnreadable { get; set; }

    /// <summary>What in its lifecycle policy is not understood (then nothing was evaluated).</summary>
    public string? LifecycleNotUnderstood { get; set; }

    /// <summary>
    /// The <c>lifecycle-danger</c> findings of the latest snapshot as <c>plan --json</c> gives them; null without a policy.
    /// Text, not jsonb: jsonb would return it reformatted, and an unchanged repository's row would be rewritten every night.
    /// </summary>
    public string? LifecycleFindings { get; set; }

    /// <summary>How many of its lifecycle findings are a <c>lifecycle-danger</c>.</summary>
    public int LifecycleDangers { get; set; }

    /// <summary>How many images its lifecycle policy would remove that the latest snapshot proposes to delete too (counted, not stored).</summary>
    public int LifecycleInformation { get; set; }

    /// <summary>How many of those would remove an image in use.</summary>
    public int LifecycleInUseDangers { get; set; }

    /// <summary>When a complete read of its registry no longer found it.</summary>
    public DateTimeOffset? GoneAt { get; set; }
}
