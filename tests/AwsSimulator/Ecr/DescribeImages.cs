using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Ecr;

/// <summary>
/// DescribeImages: pages of up to 1000 (100 by default) filtered by tag status and image status (ACTIVE by default),
/// or the images named by up to 100 ids, where one missing id fails the whole call.
/// </summary>
internal static class DescribeImages
{
    private static readonly string[] TagStatuses = ["TAGGED", "UNTAGGED", "ANY"];
    private static readonly string[] ImageStatuses = ["ACTIVE", "ARCHIVED", "ACTIVATING", "ANY"];

    public sealed record Filter
    {
        public string? TagStatus { get; init; }

        public string? ImageStatus { get; init; }
    }

    public sealed record Request
    {
        public string? RegistryId { get; init; }

        public string? RepositoryName { get; init; }

        public IReadOnlyList<ImageId>? ImageIds { get; init; }

        public string? NextToken { get; init; }

        public int? MaxResults { get; init; }

        public Filter? Filter { get; init; }
    }

    public static object Handle(AwsCall call)
    {
        var input = call.Read<Request>();
        var tagStatus = input.Filter?.TagStatus ?? "ANY";
        var imageStatus = input.Filter?.ImageStatus ?? "ACTIVE";
        if (!TagStatuses.Contains(tagStatus) || !ImageStatuses.Contains(imageStatus))
        {
            throw AwsException.InvalidParameter($"Invalid parameter at 'filter': tagStatus '{tagStatus}' or imageStatus '{imageStatus}' is not a valid value");
        }

        var ids = EcrRegistry.ImageIds(input.ImageIds, required: false);
        if (input.ImageIds is not null && (input.NextToken is not null || input.MaxResults is not null))
        {
            throw AwsException.InvalidParameter("nextToken and maxResults cannot be used when imageIds are given");
        }

        var size = Paging.PageSize(input.MaxResults, 100, 1000);
        return call.State.Read(state =>
        {
            var repository = EcrRegistry.Repository(state, call, input.RegistryId, input.RepositoryName);
            var registry = EcrRegistry.RegistryId(call, input.RegistryId);
            if (input.ImageIds is not null)
            {
                return (object)new { imageDetails = Named(repository, registry, ids) };
            }

            var page = Paging.Take(repository.Images, input.NextToken, "DescribeImages", size, image =>
                Matches(image, tagStatus, imageStatus) ? Detail(repository, registry, image) : null);
            return new { imageDetails = page.Items, nextToken = page.NextToken };
        });
    }

    private static List<ImageDetail> Named(RepositoryState repository, string registry, IReadOnlyList<ImageId> ids)
    {
        var details = new List<ImageDetail>();
        foreach (var id in ids)
        {
            var (image, failure) = ImageLookup.Find(repository, id);
            if (failure is not null)
            {
                throw failure.FailureCode == "ImageNotFound"
                    ? new AwsException("ImageNotFoundException", $"The image with imageId {id} does not exist within the repository with name '{repository.Name}' in the registry with id '{registry}'")
                    : AwsException.InvalidParameter(failure.FailureReason);
            }

            if (details.All(detail => detail.ImageDigest != image!.Digest))
            {
                details.Add(Detail(repository, registry, image!));
            }
        }

        return details;
    }

    private static bool Matches(WorldImage image, string tagStatus, string imageStatus)
    {
        var tagged = image.Tags.Count > 0;
        var status = image.ImageStatus ?? "ACTIVE";
        return (tagStatus == "ANY" || tagged == (tagStatus == "TAGGED")) && (imageStatus == "ANY" || status == imageStatus);
    }

    public static ImageDetail Detail(RepositoryState repository, string registry, WorldImage image) => new()
    {
        RegistryId = registry,
        RepositoryName = repository.Name,
        ImageDigest = image.Digest,
        ImageTags = image.Tags.Count > 0 ? image.Tags : null,
        ImageSizeInBytes = repository.SizeOf(image),
        ImagePushedAt = image.PushedAt,
        ImageManifestMediaType = Manifests.MediaTypeOf(image),
        ArtifactMediaType = image.ArtifactMediaType ?? Manifests.ConfigMediaTypeOf(image),
        LastRecordedPullTime = image.LastPulledAt,
        SubjectManifestDigest = image.Subject,
        ImageStatus = image.ImageStatus ?? "ACTIVE",
        LastArchivedAt = image.LastArchivedAt,
        LastActivatedAt = image.LastActivatedAt,
    };
}
