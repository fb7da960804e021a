namespace EcrCurator.Domain;

/// <summary>One image (manifest) of a repository as ECR reports it.</summary>
public sealed record ImageRecord
{
    public required string Digest
    {
        get;
        init => field = !string.IsNullOrEmpty(value) ? value : throw new ArgumentException("An image needs a digest.", nameof(Digest));
    }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public required DateTimeOffset PushedAt { get; init; }

    /// <summary>The size ECR reports; for an index, the largest size among its children.</summary>
    public long SizeBytes
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(SizeBytes), value, "A size cannot be negative.");
    }

    /// <summary>ECR's <c>lastRecordedPullTime</c>, if the image was ever pulled.</summary>
    public DateTimeOffset? LastPulledAt { get; init; }

    public string? MediaType { get; init; }

    public string? ArtifactMediaType { get; init; }

    /// <summary>For an image index (manifest list): the digests of the manifests it references.</summary>
    public IReadOnlyList<string> Manifests { get; init; } = [];

    /// <summary>For an attached artifact: the digest of the image named by its OCI <c>subject</c>.</summary>
    public string? Subject { get; init; }

    /// <summary>The manifest's layers; null when they are not known.</summary>
    public IReadOnlyList<Layer>? Layers { get; init; }

    public ImageStatus Status { get; init; } = ImageStatus.Active;

    /// <summary>ECR's <c>lastArchivedAt</c>: when the image last moved to the archive storage class, if ever.</summary>
    public DateTimeOffset? LastArchivedAt { get; init; }

    /// <summary>ECR's <c>lastActivatedAt</c>: when the image was last restored from the archive, if ever.</summary>
    public DateTimeOffset? LastActivatedAt { get; init; }

    public bool IsIndex => Manifests.Count > 0 || MediaType is IndexMediaType or ManifestListMediaType;

    public const string IndexMediaType = "application/vnd.oci.image.index.v1+json";
    public const string ManifestListMediaType = "application/vnd.docker.distribution.manifest.list.v2+json";
}
