using EcrCurator.AwsSimulator.Ecr;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Generation;

/// <summary>Makes the images of one generated repository: tagged and untagged pushes, multi-arch indexes with their children, signatures.</summary>
internal static class ImageGenerator
{
    private const long Megabyte = 1024 * 1024;

    public static List<WorldImage> Repository(GeneratorSettings settings, Draws draws, string repository)
    {
        var images = new List<WorldImage>(settings.ImagesPerRepository * 2);
        var baseLayer = new WorldLayer(Manifests.Derived(repository, "base-layer"), draws.Size(5 * Megabyte, 80 * Megabyte));
        var start = settings.Now.AddDays(-settings.HistoryDays);
        var step = TimeSpan.FromDays(settings.HistoryDays) / settings.ImagesPerRepository;
        for (var k = 0; k < settings.ImagesPerRepository; k++)
        {
            var newest = k == settings.ImagesPerRepository - 1;
            var pushedAt = newest ? settings.Now : start + (step * (k + 1)) - TimeSpan.FromMinutes(draws.Next(600));
            string[] tags = newest ? [$"v1.{k}", "latest"] : draws.Chance(settings.UntaggedShare) ? [] : [$"v1.{k}"];
            var pushed = Push(draws, pushedAt, settings.Now, tags, baseLayer, draws.Chance(settings.MultiArchShare), images);
            if (draws.Chance(settings.SignatureShare))
            {
                images.Add(Signature(draws, pushed, pushedAt.AddMinutes(1), cosignTag: draws.Chance(0.5)));
            }
        }

        return images;
    }

    /// <summary>Pushes one image (or an index and its children) into <paramref name="images"/>; returns the digest tags point to.</summary>
    public static string Push(Draws draws, DateTimeOffset pushedAt, DateTimeOffset now, IReadOnlyList<string> tags, WorldLayer baseLayer, bool multiArch, List<WorldImage> images)
    {
        if (!multiArch)
        {
            var image = Image(draws, pushedAt, now, tags, baseLayer, Manifests.DockerManifest);
            images.Add(image);
            return image.Digest;
        }

        var children = new[] { Image(draws, pushedAt, now, [], baseLayer, Manifests.OciManifest), Image(draws, pushedAt, now, [], baseLayer, Manifests.OciManifest) };
        var index = new WorldImage
        {
            Digest = draws.Digest(),
            Tags = tags,
            PushedAt = pushedAt,
            SizeBytes = children.Max(child => child.SizeBytes),
            MediaType = Manifests.OciIndex,
            Manifests = [.. children.Select(child => child.Digest)],
            LastPulledAt = LastPull(draws, pushedAt, now),
        };
        images.AddRange(children);
        images.Add(index);
        return index.Digest;
    }

    private static WorldImage Image(Draws draws, DateTimeOffset pushedAt, DateTimeOffset now, IReadOnlyList<string> tags, WorldLayer baseLayer, string mediaType)
    {
        var own = new WorldLayer(draws.Digest(), draws.Size(Megabyte, 300 * Megabyte));
        return new WorldImage
        {
            Digest = draws.Digest(),
            Tags = tags,
            PushedAt = pushedAt,
            SizeBytes = baseLayer.Size + own.Size,
            MediaType = mediaType,
            Layers = [baseLayer, own],
            LastPulledAt = LastPull(draws, pushedAt, now),
        };
    }

    private static WorldImage Signature(Draws draws, string subject, DateTimeOffset pushedAt, bool cosignTag) => new()
    {
        Digest = draws.Digest(),
        Tags = cosignTag ? [$"sha256-{subject["sha256:".Length..]}.sig"] : [],
        PushedAt = pushedAt,
        SizeBytes = draws.Size(1024, 4096),
        MediaType = Manifests.OciManifest,
        ArtifactMediaType = "application/vnd.dev.cosign.artifact.sig.v1+json",
        Subject = cosignTag ? null : subject,
    };

    /// <summary>No pull for some images; else a pull within 30 days of the push, and not after <paramref name="now"/>.</summary>
    private static DateTimeOffset? LastPull(Draws draws, DateTimeOffset pushedAt, DateTimeOffset now) =>
        draws.Chance(0.3) ? null : pushedAt.AddHours(draws.Next(24 * 30)) is var pulled && pulled < now ? pulled : now;
}
