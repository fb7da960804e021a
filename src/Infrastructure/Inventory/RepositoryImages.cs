using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws.Ecr;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>
/// A repository's images as the engine needs them, read image by image: every image (archived ones too), each with
/// its manifest where one is stored or ECR gives it. ECR gives none for an image that is archived or being restored
/// (it cannot be pulled), so such an image is read from DescribeImages alone: its subject there, its layers unknown,
/// and an index among them has unknown children (the engine then keeps what could be one of them). An active image
/// whose manifest cannot be read still leaves the repository out: nothing of it could be related.
/// </summary>
internal static class RepositoryImages
{
    private const string NotFound = "ImageNotFound";

    public static async Task<IReadOnlyList<ImageRecord>> ReadAsync(EcrClient ecr, RepositoryKey key, KnownManifests known, CancellationToken cancellation)
    {
        var details = await ecr.DescribeImagesAsync(key.Name, cancellation);
        var stored = await known.OfAsync(key, cancellation);
        var statusOf = details.GroupBy(detail => detail.ImageDigest).ToDictionary(group => group.Key, group => StatusOf(group.First().ImageStatus));
        var (images, failures) = await ecr.BatchGetImageAsync(key.Name, [.. statusOf.Keys.Where(digest => !stored.ContainsKey(digest))], cancellation);

        bool IsActive(string? digest) => digest is not null && statusOf.GetValueOrDefault(digest) == ImageStatus.Active;
        var unreadable = failures.Where(failure => IsActive(failure.ImageId?.ImageDigest) && failure.FailureCode != NotFound).ToList();
        if (unreadable.Count > 0)
        {
            throw new IncompleteReadException(
                $"{unreadable.Count} manifests could not be read (first: {unreadable[0].ImageId?.ImageDigest} {unreadable[0].FailureCode}: {unreadable[0].FailureReason}).");
        }

        // An active image ECR no longer finds was deleted meanwhile; one archived or being restored stays listed whatever BatchGetImage says.
        var gone = failures.Where(failure => IsActive(failure.ImageId?.ImageDigest) && failure.FailureCode == NotFound)
            .Select(failure => failure.ImageId!.ImageDigest!).ToHashSet(StringComparer.Ordinal);
        var manifests = new Dictionary<string, ImageManifest>(StringComparer.Ordinal);
        foreach (var image in images.Where(image => image.ImageId.ImageDigest is not null && image.ImageManifest is not null))
        {
            manifests.TryAdd(image.ImageId.ImageDigest!, Parse(image));
        }

        var unknown = details.FirstOrDefault(detail => IsActive(detail.ImageDigest) && !gone.Contains(detail.ImageDigest)
            && !manifests.ContainsKey(detail.ImageDigest) && !stored.ContainsKey(detail.ImageDigest));
        if (unknown is not null)
        {
            throw new IncompleteReadException($"the manifest of {unknown.ImageDigest} (ACTIVE) could not be read.");
        }

        return
        [
            .. details.Where(detail => !gone.Contains(detail.ImageDigest)).DistinctBy(detail => detail.ImageDigest)
                .Select(detail => ToRecord(detail, statusOf[detail.ImageDigest], manifests.GetValueOrDefault(detail.ImageDigest) ?? stored.GetValueOrDefault(detail.ImageDigest))),
        ];
    }

    /// <summary>ECR's <c>imageStatus</c>; none is an active image (as before ECR had an archive).</summary>
    public static ImageStatus StatusOf(string? imageStatus) => imageStatus switch
    {
        EcrStorage.Archived => ImageStatus.Archived,
        EcrStorage.Activating => ImageStatus.Activating,
        _ => ImageStatus.Active,
    };

    private static ImageManifest Parse(EcrImage image)
    {
        try
        {
            return ImageManifest.Parse(image.ImageManifest!);
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new IncompleteReadException($"the manifest of {image.ImageId.ImageDigest} is not one the product can read: {error.Message}");
        }
    }

    private static ImageRecord ToRecord(ImageDetail detail, ImageStatus status, ImageManifest? manifest) => new()
    {
        Digest = detail.ImageDigest,
        Tags = detail.ImageTags ?? [],
        PushedAt = detail.ImagePushedAt ?? throw new IncompleteReadException($"ECR gave image {detail.ImageDigest} no push time."),
        SizeBytes = detail.ImageSizeInBytes ?? 0,
        LastPulledAt = detail.LastRecordedPullTime,
        MediaType = detail.ImageManifestMediaType,
        ArtifactMediaType = detail.ArtifactMediaType,
        Manifests = manifest?.Manifests ?? [],
        Subject = manifest?.Subject ?? detail.SubjectManifestDigest,
        Layers = manifest is { Manifests.Count: 0 } ? manifest.Layers : null,
        Status = status,
        LastArchivedAt = detail.LastArchivedAt,
        LastActivatedAt = detail.LastActivatedAt,
        ChildrenUnknown = manifest is null && detail.ImageManifestMediaType is ImageRecord.IndexMediaType or ImageRecord.ManifestListMediaType,
    };
}
