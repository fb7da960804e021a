using System.Collections.Concurrent;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>
/// Reads every curated registry and every usage source (the registries' own account-regions and the configured
/// extra ones: ECS and Lambda) into one inventory, one account-region at a time or all at once. A usage source that cannot be read
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
    /// <summary>Everything at once, held in memory (for the <c>plan</c> command; a snapshot streams instead).</summary>
    public async Task<InventoryRead> ReadAsync(TeamRules teams, int rollbackDepth, KnownManifests known, CancellationToken cancellation)
    {
        var sources = await SourcesAsync(cancellation);
        var repositories = new ConcurrentBag<RepositoryRecord>();
        var reads = await Task.WhenAll(sources.Select(source => ReadSourceAsync(source, teams, rollbackDepth, known, Collect, cancellation)));
        return Combine(reads, [.. repositories]);

        ValueTask Collect(RepositoryRecord repository, CancellationToken _)
        {
            repositories.Add(repository);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The account-regions to read: the registries (configured, else the credentials' own) and the extra usage sources.</summary>
    public async Task<IReadOnlyList<InventorySource>> SourcesAsync(CancellationToken cancellation)
    {
        _ = credentials.Standard; // no credentials at all is one clear error, before any call
        var curated = options.Value.Registries.Count > 0
            ? [.. options.Value.Registries.Select(registry => registry.ToAccountRegion())]
            : new List<AccountRegion> { await identity.OwnAccountRegionAsync(cancellation) };
        if (options.Value.Registries.Count == 0
            && options.Value.UsageSources.FindIndex(source => AwsPartition.Of(source.Region) != AwsPartition.Of(curated[0].Region)) is var other and >= 0)
        {
            throw new InvalidOperationException(
                $"The registry curated, that of the credentials in {curated[0].Region} ({AwsPartition.Of(curated[0].Region)}; set by AWS_REGION, or list it under "
                + $"Curator:Registries), and Curator:UsageSources:{other}:Region {options.Value.UsageSources[other].Region} ({AwsPartition.Of(options.Value.UsageSources[other].Region)}) "
                + "are in different AWS partitions, and credentials of one partition cannot reach another. Run one ECR Curator per partition.");
        }

        return
        [
            .. curated.Select(registry => new InventorySource(registry, IsRegistry: true)),
            .. options.Value.UsageSources.Select(source => source.ToAccountRegion())
                .Where(source => !curated.Any(registry => registry.AccountId == source.AccountId && registry.Region == source.Region))
                .DistinctBy(source => (source.AccountId, source.Region))
                .Select(source => new InventorySource(source, IsRegistry: false)),
        ];
    }

    /// <summary>
    /// One account-region: its ECS usage, and its registry if curated, whose repositories go to <paramref name="accept"/>
    /// one by one as they are read; failures are recorded, not thrown.
    /// </summary>
    public async Task<SourceRead> ReadSourceAsync(
        InventorySource source, TeamRules teams, int rollbackDepth, KnownManifests known, RepositorySink accept, CancellationToken cancellation,
        IProgress<RegistryProgress>? progress = null)
    {
        var registry = source.IsRegistry
            ? ReadRegistryAsync(source.Target, teams, known, accept, progress, cancellation)
            : Task.FromResult(new RegistryRead(0, [], [], Listed: false));
        var uses = ReadUsageAsync(source.Target, rollbackDepth, source.ReadsAliases, cancellation);
        var read = await registry;
        var (usage, incomplete) = await uses;
        return new SourceRead(read.Read, read.Problems, usage?.Uses ?? [], usage?.TaskDefinitions ?? [], incomplete?.Message)
        {
            UsageFailure = incomplete,
            RegistryListed = read.Listed ? source.Target.AccountId + "/" + source.Target.Region : null,
            LeftOut = [.. read.LeftOut.Select(name => new RepositoryKey(source.Target.AccountId, source.Target.Region, name))],
            Notes = usage?.Notes ?? [],
        };
    }

    /// <summary>The sources' reads as one inventory of <paramref name="repositories"/> (those the registries gave).</summary>
    public static InventoryRead Combine(IEnumerable<SourceRead> reads, IReadOnlyList<RepositoryRecord> repositories)
    {
        var all = reads.ToList();
        var inventory = new Domain.Inventory(repositories, [.. all.SelectMany(read => read.Uses)], [.. all.SelectMany(read => read.TaskDefinitions)])
        {
            IncompleteReasons = [.. all.Select(read => read.IncompleteReason).OfType<string>().Order(StringComparer.Ordinal)],
        };
        return new InventoryRead(inventory, [.. all.SelectMany(read => read.Problems).Order(StringComparer.Ordinal)])
        {
            Incomplete = [.. all.Where(read => read.IncompleteReason is not null)
                .Select(read => read.UsageFailure ?? new UsageFailure("", read.IncompleteReason!))
                .OrderBy(failure => failure.Source, StringComparer.Ordinal)],
            RegistriesListed = [.. all.Select(read => read.RegistryListed).OfType<string>()],
            LeftOut = [.. all.SelectMany(read => read.LeftOut)],
            Notes = [.. all.SelectMany(read => read.Notes).Distinct(StringComparer.Ordinal)],
        };
    }

    private async Task<RegistryRead> ReadRegistryAsync(
        AccountRegion registry, TeamRules teams, KnownManifests known, RepositorySink accept, IProgress<RegistryProgress>? progress, CancellationToken cancellation)
    {
        try
        {
            var read = await registries.ReadAsync(registry, teams, known, accept, progress, cancellation);
            logger.LogInformation("Read {Repositories} repositories of registry {Registry}", read.Read, registry);
            return read;
        }
        catch (Exception error) when (IsReadFailure(error))
        {
            return new RegistryRead(0, [$"Registry {registry} is left out: {error.Message}"], [], Listed: false);
        }
    }

    private async Task<(UsageRead? Read, UsageFailure? Incomplete)> ReadUsageAsync(AccountRegion source, int rollbackDepth, bool aliases, CancellationToken cancellation)
    {
        try
        {
            var read = await usage.ReadAsync(source, rollbackDepth, aliases, cancellation);
            logger.LogInformation("Read {Uses} image uses in {Source}", read.Uses.Count, source);
            return (read, null);
        }
        catch (Exception error) when (IsReadFailure(error))
        {
            return (null, new UsageFailure(source.ToString(), error.Message));
        }
    }

    private static bool IsReadFailure(Exception error) =>
        error is AwsException or AwsCredentialsException or IncompleteReadException or System.Text.Json.JsonException;
}

/// <summary>An account-region to read: always for its usage (ECS, Lambda), and for its registry when it is curated.</summary>
public sealed record InventorySource(AccountRegion Target, bool IsRegistry)
{
    /// <summary>Whether its Lambda aliases are listed too (where a version runs; the live re-check leaves them out).</summary>
    public bool ReadsAliases { get; init; } = true;
}

/// <summary>What one account-region gave, but its repositories (handed on as they were read): their count, its usage, and what failed.</summary>
public sealed record SourceRead(
    int Repositories,
    IReadOnlyList<string> Problems,
    IReadOnlyList<ImageUse> Uses,
    IReadOnlyList<TaskDefinitionRecord> TaskDefinitions,
    string? IncompleteReason)
{
    /// <summary>Why its usage could not be read completely, if so (<see cref="IncompleteReason"/> says it in one sentence).</summary>
    public UsageFailure? UsageFailure { get; init; }

    /// <summary><c>account/region</c> of the registry when its repositories could be listed, else null.</summary>
    public string? RegistryListed { get; init; }

    public IReadOnlyList<RepositoryKey> LeftOut { get; init; } = [];

    /// <summary>What its usage read left out by configuration (<see cref="UsageRead.Notes"/>).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>An inventory, and the registries and repositories that could not be read (and are left out of it).</summary>
public sealed record InventoryRead(Domain.Inventory Inventory, IReadOnlyList<string> Problems)
{
    /// <summary>The registries (<c>account/region</c>) whose repositories were listed: one of theirs not in the inventory, and not left out, is gone.</summary>
    public IReadOnlyList<string> RegistriesListed { get; init; } = [];

    /// <summary>Repositories listed but not read completely: still there, though not in the inventory.</summary>
    public IReadOnlyList<RepositoryKey> LeftOut { get; init; } = [];

    /// <summary>What the usage reads left out by configuration, once each: every snapshot's status states it.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The usage sources that could not be read completely, and why: with any, nothing is deleted.</summary>
    public IReadOnlyList<UsageFailure> Incomplete { get; init; } = [];
}

/// <summary>A usage source (<c>account/region</c>) that could not be read completely, and why.</summary>
public sealed record UsageFailure(string Source, string Reason)
{
    /// <summary>The failure as one sentence, as snapshots record it.</summary>
    public string Message => $"Usage source {Source} could not be read completely: {Reason}";
}
