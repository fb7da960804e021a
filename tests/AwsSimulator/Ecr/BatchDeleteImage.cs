using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Ecr;

/// <summary>
/// BatchDeleteImage, as ECR does it: by digest deletes the image and all its tags; by tag removes that tag and deletes
/// the image only with its last tag. A manifest an index still lists is refused (ImageReferencedByManifestList).
/// Ids are handled in order, so an index deleted earlier in the batch frees its children. Failures are per item. An
/// archived image is deleted like any other (ECR bills it for its 90-day minimum storage all the same).
/// </summary>
internal static class BatchDeleteImage
{
    public sealed record Request
    {
        public string? RegistryId { get; init; }

        public string? RepositoryName { get; init; }

        public IReadOnlyList<ImageId>? ImageIds { get; init; }
    }

    public static object Handle(AwsCall call)
    {
        var input = call.Read<Request>();
        var ids = EcrRegistry.ImageIds(input.ImageIds, required: true);
        return call.State.Write(state =>
        {
            var repository = EcrRegistry.Repository(state, call, input.RegistryId, input.RepositoryName);
            var deleted = new List<ImageId>();
            var failures = new List<ImageFailure>();
            foreach (var id in ids)
            {
                var (image, failure) = ImageLookup.Find(repository, id);
                if (failure is null && Delete(repository, image!, id, deleted) is { } refused)
                {
                    failure = refused;
                }

                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }

            return new { imageIds = deleted, failures };
        });
    }

    private static ImageFailure? Delete(RepositoryState repository, WorldImage image, ImageId id, List<ImageId> deleted)
    {
        var byTag = id.ImageDigest is null;
        if (byTag && image.Tags.Count > 1)
        {
            repository.Untag(id.ImageTag!);
            deleted.Add(new ImageId { ImageDigest = image.Digest, ImageTag = id.ImageTag });
            return null;
        }

        if (repository.IndexesListing(image.Digest) is { Count: > 0 } indexes)
        {
            return new ImageFailure(id, "ImageReferencedByManifestList", $"Requested image referenced by manifest list: [{string.Join(", ", indexes)}]");
        }

        repository.Remove(image.Digest);
        if (image.Tags.Count == 0)
        {
            deleted.Add(new ImageId { ImageDigest = image.Digest });
        }

        deleted.AddRange(image.Tags.Select(tag => new ImageId { ImageDigest = image.Digest, ImageTag = tag }));
        return null;
    }
}
