using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>Reads the repositories of one registry with all their images.</summary>
public interface IRegistryReader
{
    /// <summary>
    /// The registry's repositories. A repository that cannot be read completely is left out and named in
    /// <see cref="RegistryRead.Problems"/>; a registry that cannot be listed at all throws.
    /// </summary>
    Task<RegistryRead> ReadAsync(AccountRegion registry, TeamRules teams, KnownManifests known, IProgress<RegistryProgress>? progress, CancellationToken cancellation);

    /// <summary>One repository as it is now, completely, or a failure (thrown).</summary>
    Task<RepositoryRecord> ReadRepositoryAsync(AccountRegion registry, string name, TeamRules teams, KnownManifests known, CancellationToken cancellation);
}

/// <param name="LeftOut">The repositories listed but not read completely (they are not gone).</param>
/// <param name="Listed">Whether the registry's repositories could be listed at all.</param>
public sealed record RegistryRead(IReadOnlyList<RepositoryRecord> Repositories, IReadOnlyList<string> Problems, IReadOnlyList<string> LeftOut, bool Listed = true);

/// <summary>How far a registry's read is: repositories read of those listed.</summary>
public readonly record struct RegistryProgress(int Done, int Total);
