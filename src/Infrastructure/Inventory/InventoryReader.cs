using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>
/// Reads every curated registry and every usage source (the registries' own account-regions and the configured
/// extra ones) into one inventory, one account-region at a time or all at once. A usage source that cannot be read
/// completely makes the inventory incomplete (nothing will be deleted); a registry that cannot be read only leaves
/// its own repositories out.
/// </summary>
public sealed class InventoryReader(
    IRegistryReader registries,
    IUsageReader usage,
    CallerIdentity identity,
    AwsCredentialStore credentials,
    IOptions<AwsOptions> options,
    ILogger<InventoryReader> logger)
{
    public async Task<InventoryRead> ReadAsync(TeamRules teams, int rollbackDepth, KnownManifests known, CancellationToken cancellation)
    {
        var sources = await SourcesAsync(cancellation);
        var reads = await Task.WhenAll(sources.Select(source => ReadSourceAsync(source, teams, rollbackDepth, known, cancellation)));
        return Combine(reads);
    }

    /// <summary>The account-regions to read: the registries (configured, else the credentials' own) and the extra usage sources.</summary>
    public async Task<IReadOnlyList<InventorySource>> SourcesAsync(CancellationToken cancellation)
    {
        _ = credentials.Standard; // no credentials at all is one clear error, before any call
        var curated = options.Value.Registries.Count > 0
            ? [.. options.Value.Registries.Select(registry => registry.ToAccountRegion())]
            : new List<AccountRegion> { await identity.OwnAccountRegionAsync(cancellation) };
        return
        [
            .. curated.Select(registry => new InventorySource(registry, IsRegistry: true)),
            .. options.Value.UsageSources.Select(source => source.ToAccountRegion())
                .Where(source => !curated.Any(registry => registry.AccountId == source.AccountId && registry.Region == source.Region))
                .DistinctBy(source => (source.AccountId, source.Region))
                .Select(source => new InventorySource(source, IsRegistry: false)),
        ];
    }

    /// <summary>One account-region: its registry (if curated) and its ECS usage; failures are recorded, not thrown.</summary>
    public async Task<SourceRead> ReadSourceAsync(
        InventorySource source, TeamRules teams, int rollbackDepth, KnownManifests known, CancellationToken cancellation, IProgress<RegistryProgress>? progress = null)
    {
        var registry = source.IsRegistry ? ReadRegistryAsync(source.Target, teams, known, progress, cancellation) : Task.FromResult(new RegistryRead([], [], [], Listed: false));
        var uses = ReadUsageAsync(source.Target, rollbackDepth, cancellation);
        var read = await registry;
        var (usage, incomplete) = await uses;
        return new SourceRead(read.Repositories, read.Problems, usage?.Uses ?? [], usage?.TaskDefinitions ?? [], incomplete)
        {
            RegistryListed = read.Listed ? source.Target.AccountId + "/" + source.Target.Region : null,
            LeftOut = [.. read.LeftOut.Select(name => new RepositoryKey(source.Target.AccountId, source.Target.Region, name))],
        };
    }

    public static InventoryRead Combine(IEnumerable<SourceRead> reads)
    {
        var all = reads.ToList();
        var inventory = new Domain.Inventory([.. all.SelectMany(read => read.Repositories)], [.. all.SelectMany(read => read.Uses)], [.. all.SelectMany(read => read.TaskDefinitions)])
        {
            IncompleteReasons = [.. all.Select(read => read.IncompleteReason).OfType<string>().Order(StringComparer.Ordinal)],
        };
        return new InventoryRead(inventory, [.. all.SelectMany(read => read.Problems).Order(StringComparer.Ordinal)])
        {
            RegistriesListed = [.. all.Select(read => read.RegistryListed).OfType<string>()],
            LeftOut = [.. all.SelectMany(read => read.LeftOut)],
        };
    }

    private async Task<RegistryRead> ReadRegistryAsync(AccountRegion registry, TeamRules teams, KnownManifests known, IProgress<RegistryProgress>? progress, CancellationToken cancellation)
    {
        try
        {
            var read = await registries.ReadAsync(registry, teams, known, progress, cancellation);
            logger.LogInformation("Read {Repositories} repositories of registry {Registry}", read.Repositories.Count, registry);
            return read;
        }
        catch (Exception error) when (IsReadFailure(error))
        {
            return new RegistryRead([], [$"Registry {registry} is left out: {error.Message}"], [], Listed: false);
        }
    }

    private async Task<(UsageRead? Read, string? Incomplete)> ReadUsageAsync(AccountRegion source, int rollbackDepth, CancellationToken cancellation)
    {
        try
        {
            var read = await usage.ReadAsync(source, rollbackDepth, cancellation);
            logger.LogInformation("Read {Uses} image uses in {Source}", read.Uses.Count, source);
            return (read, null);
        }
        catch (Exception error) when (IsReadFailure(error))
        {
            return (null, $"Usage source {source} could not be read completely: {error.Message}");
        }
    }

    private static bool IsReadFailure(Exception error) =>
        error is AwsException or AwsCredentialsException or IncompleteReadException or System.Text.Json.JsonException;
}

/// <summary>An account-region to read: always for its ECS usage, and for its registry when it is curated.</summary>
public sealed record InventorySource(AccountRegion Target, bool IsRegistry);

/// <summary>What one account-region gave: its repositories (if a registry), its usage, and what failed.</summary>
public sealed record SourceRead(
    IReadOnlyList<RepositoryRecord> Repositories,
    IReadOnlyList<string> Problems,
    IReadOnlyList<ImageUse> Uses,
    IReadOnlyList<TaskDefinitionRecord> TaskDefinitions,
    string? IncompleteReason)
{
    /// <summary><c>account/region</c> of the registry when its repositories could be listed, else null.</summary>
    public string? RegistryListed { get; init; }

    public IReadOnlyList<RepositoryKey> LeftOut { get; init; } = [];
}

/// <summary>An inventory, and the registries and repositories that could not be read (and are left out of it).</summary>
public sealed record InventoryRead(Domain.Inventory Inventory, IReadOnlyList<string> Problems)
{
    /// <summary>The registries (<c>account/region</c>) whose repositories were listed: one of theirs not in the inventory, and not left out, is gone.</summary>
    public IReadOnlyList<string> RegistriesListed { get; init; } = [];

    /// <summary>Repositories listed but not read completely: still there, though not in the inventory.</summary>
    public IReadOnlyList<RepositoryKey> LeftOut { get; init; } = [];
}
