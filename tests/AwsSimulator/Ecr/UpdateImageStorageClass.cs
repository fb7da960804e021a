using EcrCurator.AwsSimulator.Protocol;

namespace EcrCurator.AwsSimulator.Ecr;

/// <summary>
/// UpdateImageStorageClass, one image at a time: ARCHIVE moves an ACTIVE image to the archive (ARCHIVED, <c>lastArchivedAt</c>
/// now); STANDARD starts the restore of an ARCHIVED one (ACTIVATING, ACTIVE after the simulator's restore time, with
/// <c>lastActivatedAt</c>). Asking again for a restore under way answers ACTIVATING; any other transition is refused
/// with ImageStorageClassUpdateNotSupportedException (ECR does not document these cases).
/// </summary>
internal static class UpdateImageStorageClass
{
    private static readonly string[] TargetStorageClasses = ["STANDARD", "ARCHIVE"];

    public sealed record Request
    {
        public string? RegistryId { get; init; }

        public string? RepositoryName { get; init; }

        public ImageId? ImageId { get; init; }

        public string? TargetStorageClass { get; init; }
    }

    public static object Handle(AwsCall call)
    {
        var input = call.Read<Request>();
        var id = input.ImageId ?? throw AwsException.InvalidParameter("1 validation error detected: Value null at 'imageId' failed to satisfy constraint: Member must not be null");
        if (input.TargetStorageClass is not { } target || !TargetStorageClasses.Contains(target))
        {
            throw AwsException.InvalidParameter(
                $"1 validation error detected: Value '{input.TargetStorageClass}' at 'targetStorageClass' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, ARCHIVE]");
        }

        return call.State.Write(state =>
        {
            var repository = EcrRegistry.Repository(state, call, input.RegistryId, input.RepositoryName);
            var registry = EcrRegistry.RegistryId(call, input.RegistryId);
            var (image, failure) = ImageLookup.Find(repository, id);
            if (failure is not null)
            {
                throw failure.FailureCode == "ImageNotFound"
                    ? new AwsException("ImageNotFoundException", $"The image with imageId {id} does not exist within the repository with name '{repository.Name}' in the registry with id '{registry}'")
                    : AwsException.InvalidParameter(failure.FailureReason);
            }

            var status = (ImageStatuses.Of(image!), target) switch
            {
                (ImageStatuses.Active, "ARCHIVE") => Archive(state, repository, image!),
                (ImageStatuses.Archived, "STANDARD") => state.BeginRestore(registry, call.Region, repository, image!),
                (ImageStatuses.Activating, "STANDARD") => ImageStatuses.Activating,
                var (current, _) => throw new AwsException(
                    "ImageStorageClassUpdateNotSupportedException",
                    $"The image with imageId {id} is {current}; it cannot be transitioned to the {target} storage class."),
            };
            return new
            {
                registryId = registry,
                repositoryName = repository.Name,
                imageId = new ImageId { ImageDigest = image!.Digest, ImageTag = id.ImageTag },
                imageStatus = status,
            };
        });
    }

    private static string Archive(State.SimulatorState state, State.RepositoryState repository, Worlds.WorldImage image)
    {
        repository.Put(image with { ImageStatus = ImageStatuses.Archived, LastArchivedAt = state.Time.GetUtcNow() });
        return ImageStatuses.Archived;
    }
}
