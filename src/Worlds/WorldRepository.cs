namespace EcrCurator.Worlds;

public sealed record WorldRepository
{
    public required string Name { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<WorldImage> Images { get; init; } = [];

    /// <summary>The repository's lifecycle policy, its JSON text exactly as ECR stores it; null when it has none.</summary>
    public string? LifecyclePolicy { get; init; }
}

public sealed record WorldImage
{
    public required string Digest { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public required DateTimeOffset PushedAt { get; init; }

    public long SizeBytes { get; init; }

    public DateTimeOffset? LastPulledAt { get; init; }

    public string? MediaType { get; init; }

    public string? ArtifactMediaType { get; init; }

    public IReadOnlyList<WorldLayer>? Layers { get; init; }

    public IReadOnlyList<string>? Manifests { get; init; }

    public string? Subject { get; init; }

    /// <summary><c>ACTIVE</c> (when absent), <c>ARCHIVED</c> or <c>ACTIVATING</c> (a restore under way).</summary>
    public string? ImageStatus { get; init; }

    /// <summary>When the image last moved to the archive storage class (ECR's <c>lastArchivedAt</c>).</summary>
    public DateTimeOffset? LastArchivedAt { get; init; }

    /// <summary>When the image was last restored from the archive (ECR's <c>lastActivatedAt</c>).</summary>
    public DateTimeOffset? LastActivatedAt { get; init; }
}

public sealed record WorldLayer(string Digest, long Size);
