using EcrCurator.AwsSimulator.Protocol;

namespace EcrCurator.AwsSimulator.Ecr;

/// <summary>
/// BatchGetImage: the manifests of up to 100 images, with per-item failures in a successful answer. An image that
/// cannot be pulled (archived, or being restored) is the failure <c>ImageInaccessible</c>.
/// </summary>
internal static class BatchGetImage
{
    public sealed record Request
    {
        public string? RegistryId { get; init; }

        public string? RepositoryName { get; init; }

        public IReadOnlyList<ImageId>? ImageIds { get; init; }

        public IReadOnlyList<string>? AcceptedMediaTypes { get; init; }
    }

    public static object Handle(AwsCall call)
    {
        var input = call.Read<Request>();
        var ids = EcrRegistry.ImageIds(input.ImageIds, required: true);
        if (input.AcceptedMediaTypes is { Count: < 1 or > 100 })
        {
            throw AwsException.InvalidParameter("1 validation error detected: Value at 'acceptedMediaTypes' failed to satisfy constraint: Member must have length between 1 and 100");
        }

        return call.State.Read(state =>
        {
            var repository = EcrRegistry.Repository(state, call, input.RegistryId, input.RepositoryName);
            var registry = EcrRegistry.RegistryId(call, input.RegistryId);
            var images = new List<ImageWithManifest>();
            var failures = new List<ImageFailure>();
            foreach (var id in ids.Distinct())
            {
                var (image, failure) = ImageLookup.Find(repository, id);
                if (failure is not null)
                {
                    failures.Add(failure);
                    continue;
                }

                if (!ImageStatuses.IsPullable(image!))
                {
                    failures.Add(ImageStatuses.Inaccessible(id, image!));
                    continue;
                }

                var imageId = new ImageId { ImageDigest = image!.Digest, ImageTag = id.ImageTag };
                images.Add(new ImageWithManifest(registry, repository.Name, imageId, Manifests.Build(repository, image), Manifests.MediaTypeOf(image)));
            }

            return new { images, failures };
        });
    }
}
