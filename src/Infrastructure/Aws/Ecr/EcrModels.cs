namespace EcrCurator.Infrastructure.Aws.Ecr;

// The members of ECR's JSON 1.1 shapes that the product uses.
public sealed record DescribeRepositoriesRequest(string? RegistryId, string? NextToken, int? MaxResults);

public sealed record DescribeRepositoriesResponse(List<EcrRepository>? Repositories, string? NextToken);

public sealed record EcrRepository(string RepositoryArn, string RegistryId, string RepositoryName, DateTimeOffset? CreatedAt);

public sealed record ListTagsForResourceRequest(string ResourceArn);

public sealed record ListTagsForResourceResponse(List<EcrTag>? Tags);

public sealed record EcrTag(string Key, string Value);

public sealed record DescribeImagesRequest(
    string? RegistryId, string RepositoryName, string? NextToken, int? MaxResults, DescribeImagesFilter? Filter, List<ImageId>? ImageIds = null);

public sealed record DescribeImagesFilter(string? TagStatus, string? ImageStatus);

public sealed record DescribeImagesResponse(List<ImageDetail>? ImageDetails, string? NextToken);

public sealed record ImageDetail(
    string ImageDigest,
    List<string>? ImageTags,
    long? ImageSizeInBytes,
    DateTimeOffset? ImagePushedAt,
    string? ImageManifestMediaType,
    string? ArtifactMediaType,
    DateTimeOffset? LastRecordedPullTime,
    string? ImageStatus,
    string? SubjectManifestDigest = null,
    DateTimeOffset? LastArchivedAt = null,
    DateTimeOffset? LastActivatedAt = null);

public sealed record ImageId(string? ImageDigest, string? ImageTag = null);

public sealed record BatchGetImageRequest(string? RegistryId, string RepositoryName, List<ImageId> ImageIds, List<string> AcceptedMediaTypes);

public sealed record BatchGetImageResponse(List<EcrImage>? Images, List<ImageFailure>? Failures);

public sealed record EcrImage(ImageId ImageId, string? ImageManifest, string? ImageManifestMediaType);

public sealed record ImageFailure(ImageId? ImageId, string? FailureCode, string? FailureReason);

public sealed record BatchDeleteImageRequest(string? RegistryId, string RepositoryName, List<ImageId> ImageIds);

public sealed record BatchDeleteImageResponse(List<ImageId>? ImageIds, List<ImageFailure>? Failures);

public sealed record UpdateImageStorageClassRequest(string? RegistryId, string RepositoryName, ImageId ImageId, string TargetStorageClass);

public sealed record UpdateImageStorageClassResponse(string? RegistryId, string? RepositoryName, ImageId? ImageId, string? ImageStatus);

/// <summary>ECR's storage classes (<c>targetStorageClass</c>) and image statuses (<c>imageStatus</c>).</summary>
public static class EcrStorage
{
    public const string Archive = "ARCHIVE";
    public const string Standard = "STANDARD";

    public const string Active = "ACTIVE";
    public const string Archived = "ARCHIVED";
    public const string Activating = "ACTIVATING";
}

public sealed record GetLifecyclePolicyRequest(string? RegistryId, string RepositoryName);

public sealed record GetLifecyclePolicyResponse(string? LifecyclePolicyText);
