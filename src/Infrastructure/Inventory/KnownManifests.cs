using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws.Ecr;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>Manifests already read: a digest names its content forever, so a known manifest is never fetched again.</summary>
public sealed class KnownManifests(IReadOnlyDictionary<RepositoryKey, Dictionary<string, ImageManifest>> manifests)
{
    public static readonly KnownManifests None = new(new Dictionary<RepositoryKey, Dictionary<string, ImageManifest>>());

    public ImageManifest? Find(RepositoryKey repository, string digest) =>
        manifests.TryGetValue(repository, out var known) && known.TryGetValue(digest, out var manifest) ? manifest : null;
}
