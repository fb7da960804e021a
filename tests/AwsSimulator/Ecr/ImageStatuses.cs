using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Ecr;

/// <summary>ECR's image statuses: only an ACTIVE image can be pulled; ARCHIVED is in the archive, ACTIVATING being restored from it.</summary>
internal static class ImageStatuses
{
    public const string Active = "ACTIVE";
    public const string Archived = "ARCHIVED";
    public const string Activating = "ACTIVATING";

    public static string Of(WorldImage image) => image.ImageStatus ?? Active;

    /// <summary>Whether its manifest and layers can be pulled: not while archived, nor while a restore is under way.</summary>
    public static bool IsPullable(WorldImage image) => Of(image) == Active;

    /// <summary>The per-item failure BatchGetImage answers for an image that cannot be pulled.</summary>
    public static ImageFailure Inaccessible(ImageId id, WorldImage image) => new(
        id, "ImageInaccessible", Of(image) == Archived
            ? "The image is archived and cannot be pulled; restore it to the standard storage class first."
            : "The image is being restored from the archive and cannot be pulled until the restore completes.");
}
