using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Ecr;

/// <summary>Builds the manifest of an image from the world: an index lists its children, an image its config, layers and subject.</summary>
internal static class Manifests
{
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    private static readonly string[] Architectures = ["amd64", "arm64", "arm", "ppc64le", "s390x"];

    public static string MediaTypeOf(WorldImage image) =>
        image.MediaType ?? (image.Manifests is { Count: > 0 } ? OciIndex : DockerManifest);

    public static bool IsIndex(WorldImage image) => MediaTypeOf(image) is OciIndex or DockerList || image.Manifests is { Count: > 0 };

    /// <summary>The config media type ECR reports as <c>artifactMediaType</c>; none for an index.</summary>
    public static string? ConfigMediaTypeOf(WorldImage image) => IsIndex(image)
        ? null
        : MediaTypeOf(image) == DockerManifest ? "application/vnd.docker.container.image.v1+json" : "application/vnd.oci.image.config.v1+json";

    public static string Build(RepositoryState repository, WorldImage image, int depth = 0) =>
        (IsIndex(image) ? Index(repository, image, depth) : Image(repository, image, depth)).ToJsonString();

    private static JsonObject Index(RepositoryState repository, WorldImage image, int depth) => new()
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = MediaTypeOf(image),
        ["manifests"] = new JsonArray([.. (image.Manifests ?? []).Select((digest, i) => (JsonNode)new JsonObject
        {
            ["mediaType"] = repository.ByDigest(digest) is { } child ? MediaTypeOf(child) : OciManifest,
            ["digest"] = digest,
            ["size"] = SizeOfManifest(repository, digest, depth),
            ["platform"] = new JsonObject { ["architecture"] = Architectures[i % Architectures.Length], ["os"] = "linux" },
        })]),
    };

    private static JsonObject Image(RepositoryState repository, WorldImage image, int depth)
    {
        var oci = MediaTypeOf(image) != DockerManifest;
        var layers = image.Layers ?? [new WorldLayer(Derived(image.Digest, "layer"), image.SizeBytes)];
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypeOf(image),
            ["config"] = new JsonObject
            {
                ["mediaType"] = image.ArtifactMediaType ?? ConfigMediaTypeOf(image),
                ["digest"] = Derived(image.Digest, "config"),
                ["size"] = 1024,
            },
            ["layers"] = new JsonArray([.. layers.Select(layer => (JsonNode)new JsonObject
            {
                ["mediaType"] = oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip",
                ["digest"] = layer.Digest,
                ["size"] = layer.Size,
            })]),
        };
        if (image.Subject is { } subject)
        {
            manifest["subject"] = new JsonObject
            {
                ["mediaType"] = repository.ByDigest(subject) is { } target ? MediaTypeOf(target) : OciManifest,
                ["digest"] = subject,
                ["size"] = SizeOfManifest(repository, subject, depth),
            };
        }

        return manifest;
    }

    private static int SizeOfManifest(RepositoryState repository, string digest, int depth) =>
        depth < 4 && repository.ByDigest(digest) is { } image ? Encoding.UTF8.GetByteCount(Build(repository, image, depth + 1)) : 0;

    /// <summary>A stable digest for a part the world does not describe (a config, or the single layer of an image without layers).</summary>
    public static string Derived(string digest, string part) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{part}:{digest}")));
}
