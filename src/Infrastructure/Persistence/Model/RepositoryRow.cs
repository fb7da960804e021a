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

    public DateTimeOffset? LastPushedAt { get; set; }

    public long LastSnapshotId { get; set; }

    /// <summary>When a complete read of its registry no longer found it.</summary>
    public DateTimeOffset? GoneAt { get; set; }
}
