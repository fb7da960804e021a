using System.Collections.Concurrent;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>
/// Reads every curated registry and every usage source (the registries' own account-regions and the configured
/// extra ones) into one inventory. A usage source that cannot be read completely makes the inventory incomplete
/// (nothing will be deleted); a registry that cannot be read only leaves its own repositories out.
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
        _ = credentials.Standard; // no credentials at all is one clear error, before any call
        var curated = options.Value.Registries.Count > 0
            ? [.. options.Value.Registries.Select(registry => registry.ToAccountRegion())]
            : new List<AccountRegion> { await identity.OwnAccountRegionAsync(cancellation) };
        var sources = curated.Concat(options.Value.UsageSources.Select(source => source.ToAccountRegion()))
            .DistinctBy(source => (source.AccountId, source.Region))
            .ToList();

        var repositories = new ConcurrentBag<RepositoryRecord>();
        var problems = new ConcurrentBag<string>();
        var uses = new ConcurrentBag<ImageUse>();
        var definitions = new ConcurrentBag<TaskDefinitionRecord>();
        var incomplete = new ConcurrentBag<string>();
        var reads = curated.Select(async registry =>
        {
            try
            {
                var read = await registries.ReadAsync(registry, teams, known, cancellation);
                read.Repositories.ToList().ForEach(repositories.Add);
                read.Problems.ToList().ForEach(problems.Add);
                logger.LogInformation("Read {Repositories} repositories of registry {Registry}", read.Repositories.Count, registry);
            }
            catch (Exception error) when (IsReadFailure(error))
            {
                problems.Add($"Registry {registry} is left out: {error.Message}");
            }
        }).Concat(sources.Select(async source =>
        {
            try
            {
                var read = await usage.ReadAsync(source, rollbackDepth, cancellation);
                read.Uses.ToList().ForEach(uses.Add);
                read.TaskDefinitions.ToList().ForEach(definitions.Add);
                logger.LogInformation("Read {Uses} image uses in {Source}", read.Uses.Count, source);
            }
            catch (Exception error) when (IsReadFailure(error))
            {
                incomplete.Add($"Usage source {source} could not be read completely: {error.Message}");
            }
        }));
        await Task.WhenAll(reads);

        var inventory = new Domain.Inventory([.. repositories], [.. uses], [.. definitions])
        {
            IncompleteReasons = [.. incomplete.Order(StringComparer.Ordinal)],
        };
        return new InventoryRead(inventory, [.. problems.Order(StringComparer.Ordinal)]);
    }

    private static bool IsReadFailure(Exception error) =>
        error is AwsException or AwsCredentialsException or IncompleteReadException or System.Text.Json.JsonException;
}

/// <summary>An inventory, and the registries and repositories that could not be read (and are left out of it).</summary>
public sealed record InventoryRead(Domain.Inventory Inventory, IReadOnlyList<string> Problems);
