using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>Reads the repositories of one registry with all their images.</summary>
public interface IRegistryReader
{
    /// <summary>
    /// Reads the registry's repositories and hands each to <paramref name="accept"/> as soon as it is read completely
    /// (from several threads at once), so that no caller has to hold a whole registry. A repository that cannot be read
    /// completely is left out and named in <see cref="RegistryRead.Problems"/>; a registry that cannot be listed at all throws.
    /// </summary>
    Task<RegistryRead> ReadAsync(
        AccountRegion registry, TeamRules teams, KnownManifests known, RepositorySink accept, IProgress<RegistryProgress>? progress, CancellationToken cancellation);

    /// <summary>One repository as it is now, completely, or a failure (thrown).</summary>
    Task<RepositoryRecord> ReadRepositoryAsync(AccountRegion registry, string name, TeamRules teams, KnownManifests known, CancellationToken cancellation);
}

/// <summary>Takes each repository a registry read gives; called from several threads at once.</summary>
public delegate ValueTask RepositorySink(RepositoryRecord repository, CancellationToken cancellation);

/// <param name="Read">How many repositories were read completely (and given to the sink).</param>
/// <param name="LeftOut">The repositories listed but not read completely (they are not gone).</param>
/// <param name="Listed">Whether the registry's repositories could be listed at all.</param>
public sealed record RegistryRead(int Read, IReadOnlyList<string> Problems, IReadOnlyList<string> LeftOut, bool Listed = true);

/// <summary>How far a registry's read is: repositories read of those listed.</summary>
public readonly record struct RegistryProgress(int Done, int Total);
