using System.Text.Json;
using EcrCurator.Domain;

namespace EcrCurator.Infrastructure.Aws.Ecr;

/// <summary>What the product reads from a manifest: its layers, an index's children, an artifact's subject.</summary>
public sealed record ImageManifest(IReadOnlyList<Layer> Layers, IReadOnlyList<string> Manifests, string? Subject)
{
    public static ImageManifest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ImageManifest(
            root.TryGetProperty("layers", out var layers) && layers.ValueKind == JsonValueKind.Array
                ? [.. layers.EnumerateArray().Select(layer => new Layer(layer.GetProperty("digest").GetString()!, layer.TryGetProperty("size", out var size) ? size.GetInt64() : 0))]
                : [],
            root.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array
                ? [.. manifests.EnumerateArray().Select(manifest => manifest.GetProperty("digest").GetString()!)]
                : [],
            root.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.Object
                ? subject.GetProperty("digest").GetString()
                : null);
    }
}
