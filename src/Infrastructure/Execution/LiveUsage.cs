using EcrCurator.Domain;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Policies;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// Usage as it is now, read from every usage source (the curated registries' own account-regions included) for the
/// executions of this process: a read young enough is shared by every execution that asks, an older one is read again.
/// </summary>
public sealed class LiveUsage(InventoryReader inventory, IOptions<RetentionOptions> retention, IOptions<ExecutionOptions> options, TimeProvider time)
{
    private readonly Lock gate = new();
    private UsageReading.Pending? latest;

    /// <summary>
    /// A read that started at most half <c>Curator:Execution:MaxUsageAgeSeconds</c> ago (so that the batch relying
    /// on it can still be sent within the limit), else a new one; reads with a failure are never shared.
    /// </summary>
    public Task<UsageReading> ReadAsync(int rollbackDepth, CancellationToken cancellation)
    {
        Task<UsageReading> read;
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (latest is not { } shared || shared.RollbackDepth < rollbackDepth || now - shared.StartedAt > options.Value.MaxUsageAge / 2
                || shared.Read.IsFaulted || shared.Read.IsCanceled || shared.Read is { IsCompletedSuccessfully: true, Result.Incomplete: not null })
            {
                // Not tied to one caller's cancellation: other executions may wait for the same read.
                shared = new UsageReading.Pending(now, rollbackDepth, ReadAllAsync(now, rollbackDepth));
                latest = shared;
            }

            read = shared.Read;
        }

        return read.WaitAsync(cancellation);
    }

    private async Task<UsageReading> ReadAllAsync(DateTimeOffset started, int rollbackDepth)
    {
        await Task.Yield();
        var teams = retention.Value.ToTeamRules();
        var sources = await inventory.SourcesAsync(CancellationToken.None);
        var reads = await Task.WhenAll(sources.Select(source =>
            inventory.ReadSourceAsync(source with { IsRegistry = false, ReadsAliases = false }, teams, rollbackDepth, KnownManifests.None, NoRepositories, CancellationToken.None)));
        return new UsageReading(
            started,
            [.. sources.Where(source => source.IsRegistry).Select(source => source.Target)],
            [.. reads.SelectMany(read => read.Uses)],
            [.. reads.SelectMany(read => read.TaskDefinitions)],
            reads.Select(read => read.IncompleteReason).OfType<string>().FirstOrDefault());
    }

    /// <summary>Usage only is read from the sources here: no registry hands over repositories.</summary>
    private static ValueTask NoRepositories(RepositoryRecord repository, CancellationToken cancellation) =>
        throw new InvalidOperationException("The live check reads usage only from its sources.");
}

/// <summary>What a usage read found, and when it started.</summary>
/// <param name="Registries">The account-regions curated when it was read.</param>
/// <param name="Incomplete">Why usage could not be read completely; null when it was.</param>
public sealed record UsageReading(
    DateTimeOffset StartedAt,
    IReadOnlyList<Aws.AccountRegion> Registries,
    IReadOnlyList<ImageUse> Uses,
    IReadOnlyList<TaskDefinitionRecord> TaskDefinitions,
    string? Incomplete)
{
    public bool Curates(RepositoryKey repository) =>
        Registries.Any(registry => registry.AccountId == repository.AccountId && registry.Region == repository.Region);

    /// <summary>A read under way, shared.</summary>
    internal sealed record Pending(DateTimeOffset StartedAt, int RollbackDepth, Task<UsageReading> Read);
}
