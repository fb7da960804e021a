using System.Text.Json.Serialization;

namespace EcrCurator.AwsSimulator.Ecr;

internal sealed record ImageId
{
    public string? ImageDigest { get; init; }

    public string? ImageTag { get; init; }

    public override string ToString() => $"{{imageDigest:'{ImageDigest ?? "null"}', imageTag:'{ImageTag ?? "null"}'}}";
}

internal sealed record RepositoryDetail(
    string RepositoryArn,
    string RegistryId,
    string RepositoryName,
    string RepositoryUri,
    DateTimeOffset CreatedAt,
    string ImageTagMutability,
    ScanningConfiguration ImageScanningConfiguration,
    EncryptionConfiguration EncryptionConfiguration);

internal sealed record ScanningConfiguration(bool ScanOnPush);

internal sealed record EncryptionConfiguration(string EncryptionType);

internal sealed record ResourceTag([property: JsonPropertyName("Key")] string Key, [property: JsonPropertyName("Value")] string Value);

internal sealed record ImageDetail
{
    public required string RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public required string ImageDigest { get; init; }

    public IReadOnlyList<string>? ImageTags { get; init; }

    public long ImageSizeInBytes { get; init; }

    public DateTimeOffset ImagePushedAt { get; init; }

    public string? ImageManifestMediaType { get; init; }

    public string? ArtifactMediaType { get; init; }

    public DateTimeOffset? LastRecordedPullTime { get; init; }

    public string? SubjectManifestDigest { get; init; }

    public string? ImageStatus { get; init; }

    public DateTimeOffset? LastArchivedAt { get; init; }

    public DateTimeOffset? LastActivatedAt { get; init; }
}

internal sealed record ImageFailure(ImageId ImageId, string FailureCode, string FailureReason);

internal sealed record ImageWithManifest(string RegistryId, string RepositoryName, ImageId ImageId, string ImageManifest, string ImageManifestMediaType);
