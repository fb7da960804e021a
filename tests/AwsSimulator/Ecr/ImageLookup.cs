using System.Text.RegularExpressions;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Ecr;

/// <summary>Finds the image an image id names, or the per-item failure ECR reports for it.</summary>
internal static partial class ImageLookup
{
    public static (WorldImage? Image, ImageFailure? Failure) Find(RepositoryState repository, ImageId id)
    {
        if (id.ImageDigest is null && id.ImageTag is null)
        {
            return (null, new ImageFailure(id, "MissingDigestAndTag", "Invalid request parameters: both tag and digest cannot be null"));
        }

        if (id.ImageDigest is { } digest && !DigestPattern().IsMatch(digest))
        {
            return (null, new ImageFailure(id, "InvalidImageDigest", "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'"));
        }

        if (id.ImageTag is { } tag && (tag.Length is 0 or > 300))
        {
            return (null, new ImageFailure(id, "InvalidImageTag", "Invalid request parameters: image tag should be between 1 and 300 characters"));
        }

        var image = id.ImageDigest is null ? repository.ByTag(id.ImageTag!) : repository.ByDigest(id.ImageDigest);
        if (image is null)
        {
            return (null, new ImageFailure(id, "ImageNotFound", "Requested image not found"));
        }

        if (id.ImageDigest is not null && id.ImageTag is not null && !image.Tags.Contains(id.ImageTag))
        {
            return (null, new ImageFailure(id, "ImageTagDoesNotMatchDigest", "Invalid request parameters: given tag does not map to the given digest"));
        }

        return (image, null);
    }

    [GeneratedRegex("^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$")]
    private static partial Regex DigestPattern();
}
