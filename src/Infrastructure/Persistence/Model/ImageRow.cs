namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>
/// The latest known state of one image and its latest decision. A snapshot rewrites a row only when something
/// about the image or its decision changed.
/// </summary>
public sealed class ImageRow
{
    public long Id { get; set; }

    public long RepositoryId { get; set; }

    public required string Digest { get; set; }

    public string[] Tags { get; set; } = [];

    public DateTimeOffset PushedAt { get; set; }

    public long SizeBytes { get; set; }

    public DateTimeOffset? LastPulledAt { get; set; }

    public string? MediaType { get; set; }

    public string? ArtifactMediaType { get; set; }

    /// <summary>ECR's <c>imageStatus</c>: <c>ACTIVE</c>, <c>ARCHIVED</c> or <c>ACTIVATING</c>.</summary>
    public string Status { get; set; } = "ACTIVE";

    public DateTimeOffset? LastArchivedAt { get; set; }

    public DateTimeOffset? LastActivatedAt { get; set; }

    /// <summary>An index's children.</summary>
    public string[] Manifests { get; set; } = [];

    /// <summary>An attached artifact's subject.</summary>
    public string? Subject { get; set; }

    /// <summary>Layer digests and sizes, in manifest order; null when the manifest has not been read.</summary>
    public string[]? LayerDigests { get; set; }

    public long[]? LayerSizes { get; set; }

    public required string Decision { get; set; }

    public string[] Reasons { get; set; } = [];

    /// <summary>For a candidate, what its execution does (see <see cref="CandidateActions"/>); null when kept.</summary>
    public string? Action { get; set; }

    /// <summary>Where ECS uses it: <c>account/region/cluster/service/NAME</c> or <c>…/task/ID</c>, with the task definition.</summary>
    public string[] UsedBy { get; set; } = [];

    /// <summary>An index child or an attached artifact of another image of the repository, as the snapshot's engine found.</summary>
    public bool IsDependent { get; set; }

    /// <summary>The snapshot that last wrote this row: rows are written only when the image or its decision changed.</summary>
    public long ChangedSnapshotId { get; set; }

    public DateTimeOffset? GoneAt { get; set; }
}
