namespace EcrCurator.Infrastructure.Persistence.Model;

public sealed class SnapshotRow
{
    public long Id { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public required string StartedBy { get; set; }

    /// <summary>How many task-definition revisions of each family in use the reads looked at (fixed at the start).</summary>
    public int RollbackDepth { get; set; }

    /// <summary>See <see cref="SnapshotStatus"/>.</summary>
    public string Status { get; set; } = SnapshotStatus.Running;

    /// <summary>Why usage could not be read completely; nothing is proposed from an incomplete snapshot.</summary>
    public string[] IncompleteReasons { get; set; } = [];

    /// <summary>Registries and repositories that could not be read and were left out.</summary>
    public string[] Problems { get; set; } = [];

    /// <summary>What the usage reads left out by configuration (Lambda turned off), stated with every status.</summary>
    public string[] Notes { get; set; } = [];

    public int Repositories { get; set; }

    public int Images { get; set; }

    public int Candidates { get; set; }

    public long ImageBytes { get; set; }

    public long CandidateBytes { get; set; }

    public long ReclaimableBytes { get; set; }

    /// <summary>Images the repositories' lifecycle policies would expire or archive though the product keeps them for safety.</summary>
    public int LifecycleDangers { get; set; }

    public List<SnapshotSourceRow> Sources { get; set; } = [];
}

/// <summary>How a snapshot is: running, then complete, incomplete (usage not read completely: nothing proposed) or failed.</summary>
public static class SnapshotStatus
{
    public const string Running = "Running";
    public const string Complete = "Complete";
    public const string Incomplete = "Incomplete";
    public const string Failed = "Failed";
}

/// <summary>How one account-region of a snapshot is: pending until read, then done or failed (read with problems).</summary>
public static class SourceStatus
{
    public const string Pending = "Pending";
    public const string Done = "Done";
    public const string Failed = "Failed";
}

/// <summary>One account-region of a snapshot: its registry and its usage (ECS, Lambda), with progress and errors.</summary>
public sealed class SnapshotSourceRow
{
    public long Id { get; set; }

    public long SnapshotId { get; set; }

    public required string AccountId { get; set; }

    public required string Region { get; set; }

    public bool IsRegistry { get; set; }

    /// <summary>See <see cref="SourceStatus"/>.</summary>
    public string Status { get; set; } = SourceStatus.Pending;

    public string? Error { get; set; }

    public int RepositoriesDone { get; set; }

    public int RepositoriesTotal { get; set; }
}

/// <summary>A repository's figures in one snapshot (the history behind the trend chart).</summary>
public sealed class SnapshotRepositoryRow
{
    public long SnapshotId { get; set; }

    public long RepositoryId { get; set; }

    public int Images { get; set; }

    public int Candidates { get; set; }

    public long ImageBytes { get; set; }

    public long CandidateBytes { get; set; }

    public long ReclaimableBytes { get; set; }
}

/// <summary>What one account-region gave a snapshot under way (gzip JSON), until the snapshot settles and removes it.</summary>
public sealed class SnapshotReadRow
{
    public long SnapshotId { get; set; }

    public required string AccountId { get; set; }

    public required string Region { get; set; }

    public required byte[] Payload { get; set; }
}

/// <summary>
/// One repository a source read for a snapshot under way, with its images (gzip JSON), until the snapshot settles and
/// removes it: a snapshot settles repository by repository and never holds every image at once.
/// </summary>
public sealed class SnapshotReadRepositoryRow
{
    public long SnapshotId { get; set; }

    public required string AccountId { get; set; }

    public required string Region { get; set; }

    public required string Name { get; set; }

    public required string Team { get; set; }

    public required byte[] Payload { get; set; }
}
