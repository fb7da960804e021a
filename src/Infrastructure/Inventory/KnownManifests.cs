using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws.Ecr;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>
/// Manifests already read: a digest names its content forever, so a known manifest is never fetched again. Asked
/// for one repository at a time, as it is read, so that no more than a repository's manifests are held at once.
/// </summary>
public sealed class KnownManifests(Func<RepositoryKey, CancellationToken, Task<IReadOnlyDictionary<string, ImageManifest>>> find)
{
    private static readonly IReadOnlyDictionary<string, ImageManifest> Nothing = new Dictionary<string, ImageManifest>();

    public static readonly KnownManifests None = new((_, _) => Task.FromResult(Nothing));

    /// <summary>The known manifests of one repository's present images, by digest.</summary>
    public Task<IReadOnlyDictionary<string, ImageManifest>> OfAsync(RepositoryKey repository, CancellationToken cancellation) => find(repository, cancellation);
}
