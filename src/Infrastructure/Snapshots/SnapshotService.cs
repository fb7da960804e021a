using System.Diagnostics;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Infrastructure.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>
/// Takes snapshots in three steps that jobs on several servers can share: start (one snapshot at a time), read
/// each account-region, and settle once all are read (decide under the stored pins and policies, save, propose).
/// Every step is safe to run again.
/// </summary>
public sealed class SnapshotService(
    IDbContextFactory<CuratorDbContext> contexts,
    InventoryReader inventory,
    SnapshotStore store,
    IOptions<RetentionOptions> retention,
    IOptions<AwsOptions> aws,
    TimeProvider time,
    CuratorMetrics metrics,
    ILogger<SnapshotService> logger)
{
    /// <summary>The advisory lock taken while a snapshot starts or a source's read is recorded.</summary>
    public const long LockKey = 0x4563_7243_7572_0001; // "EcrCur" + 1

    /// <summary>A snapshot still "Running" after this long died with its process; a new one may start.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromHours(6);

    /// <summary>All three steps in this process (the <c>snapshot</c> command), the sources read at once.</summary>
    public async Task<SnapshotRow> TakeAsync(string startedBy, CancellationToken cancellation)
    {
        var snapshot = await StartAsync(startedBy, cancellation);
        await Task.WhenAll(snapshot.Sources.Select(source => ReadSourceAsync(snapshot.Id, source.AccountId, source.Region, cancellation)));
        return await SettleAsync(snapshot.Id, cancellation);
    }

    public async Task<SnapshotRow> StartAsync(string startedBy, CancellationToken cancellation)
    {
        var sources = await inventory.SourcesAsync(cancellation);
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellation);
        var now = time.GetUtcNow();
        foreach (var dead in await db.Snapshots.Where(row => row.Status == SnapshotStatus.Running && row.StartedAt < now - Abandoned).ToListAsync(cancellation))
        {
            dead.Status = SnapshotStatus.Failed;
            dead.Problems = [$"It did not finish within {Abandoned.TotalHours} hours: its process stopped."];
        }

        await db.SaveChangesAsync(cancellation);

        if (await db.Snapshots.AnyAsync(row => row.Status == SnapshotStatus.Running, cancellation))
        {
            throw new SnapshotRunningException("A snapshot is already running; try again when it has finished.");
        }

        // Whatever a snapshot that failed or died had staged: none runs now, so none of it will settle.
        await db.SnapshotReadRepositories.ExecuteDeleteAsync(cancellation);
        await db.SnapshotReads.ExecuteDeleteAsync(cancellation);

        var snapshot = new SnapshotRow
        {
            StartedAt = now,
            StartedBy = startedBy,
            RollbackDepth = (await StoredPolicies.OverAsync(retention.Value.ToPolicySet(), db, cancellation)).DeepestRollback,
            Sources = [.. sources.Select(source => new SnapshotSourceRow { AccountId = source.Target.AccountId, Region = source.Target.Region, IsRegistry = source.IsRegistry })],
        };
        db.Snapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellation);
        AuditLog.Record(db, startedBy, "snapshot.started", $"snapshot/{snapshot.Id}", new { sources = sources.Select(source => source.Target.ToString()) }, at: now);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        logger.LogInformation("Snapshot {SnapshotId} started by {Actor}", snapshot.Id, startedBy);
        return snapshot;
    }

    /// <summary>
    /// Reads one account-region and stages its read in the database, its repositories one by one as they are read
    /// (a source already read is not read again); true when every source is read and the snapshot waits to be settled:
    /// for the last source to finish, or for a source's job run again because its server died before it could say so.
    /// </summary>
    public async Task<bool> ReadSourceAsync(long snapshotId, string accountId, string region, CancellationToken cancellation)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SnapshotId"] = snapshotId, ["AccountId"] = accountId, ["Region"] = region });
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var source = await db.SnapshotSources.AsNoTracking().SingleAsync(row => row.SnapshotId == snapshotId && row.AccountId == accountId && row.Region == region, cancellation);
        if (source.Status != SourceStatus.Pending)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            return await SettlesAsync(db, snapshotId, cancellation);
        }

        var depth = await db.Snapshots.Where(row => row.Id == snapshotId).Select(row => row.RollbackDepth).SingleAsync(cancellation);
        await using var staging = await RepositoryStaging.OpenAsync(contexts, snapshotId, accountId, region, cancellation);
        var read = await inventory.ReadSourceAsync(
            new InventorySource(aws.Value.Target(accountId, region), source.IsRegistry), retention.Value.ToTeamRules(), depth,
            source.IsRegistry ? store.StoredManifests : KnownManifests.None, staging.AddAsync, cancellation,
            new SourceProgress(contexts, source.Id, time));

        // The staged repositories, the read and the source's status in one transaction: a read whose process dies
        // before it commits is read again, one that committed never is.
        return await staging.CommitAsync(
            async staged =>
            {
                var status = read.IncompleteReason is null && read.Problems.Count == 0 ? SourceStatus.Done : SourceStatus.Failed;
                staged.SnapshotReads.Add(new SnapshotReadRow { SnapshotId = snapshotId, AccountId = accountId, Region = region, Payload = GzipJson.Pack(read) });
                await staged.SaveChangesAsync(cancellation);
                await staged.SnapshotSources.Where(row => row.Id == source.Id).ExecuteUpdateAsync(
                    setters => setters.SetProperty(row => row.Status, status)
                        .SetProperty(row => row.Error, read.IncompleteReason ?? read.Problems.FirstOrDefault())
                        .SetProperty(row => row.RepositoriesDone, read.Repositories)
                        .SetProperty(row => row.RepositoriesTotal, read.Repositories),
                    cancellation);
                return await SettlesAsync(staged, snapshotId, cancellation);
            },
            cancellation);
    }

    /// <summary>Under the snapshot lock, within the caller's transaction: whether no source remains and the snapshot still runs.</summary>
    private static async Task<bool> SettlesAsync(CuratorDbContext db, long snapshotId, CancellationToken cancellation)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellation);
        var remaining = await db.SnapshotSources.CountAsync(row => row.SnapshotId == snapshotId && row.Status == SourceStatus.Pending, cancellation);
        return remaining == 0 && await db.Snapshots.AnyAsync(row => row.Id == snapshotId && row.Status == SnapshotStatus.Running, cancellation);
    }

    /// <summary>
    /// Decides on everything the sources staged, one repository at a time, and saves it; a snapshot already settled
    /// is returned as it is.
    /// </summary>
    public async Task<SnapshotRow> SettleAsync(long snapshotId, CancellationToken cancellation)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SnapshotId"] = snapshotId });
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var snapshot = await db.Snapshots.Include(row => row.Sources).SingleAsync(row => row.Id == snapshotId, cancellation);
        if (snapshot.Status != SnapshotStatus.Running)
        {
            return snapshot;
        }

        TimeSpan engine;
        try
        {
            var sources = await db.SnapshotReads.AsNoTracking().Where(row => row.SnapshotId == snapshotId).Select(row => row.Payload).ToListAsync(cancellation);
            var read = InventoryReader.Combine(sources.Select(GzipJson.Unpack<SourceRead>), repositories: []); // the repositories stream from staging
            var policies = await StoredPolicies.OverAsync(retention.Value.ToPolicySet(), db, cancellation);
            if (policies.DeepestRollback > snapshot.RollbackDepth)
            {
                // Revisions beyond what was read could be rollback targets now: decide nothing for deletion.
                read = read with { Inventory = read.Inventory with { IncompleteReasons = [.. read.Inventory.IncompleteReasons, "The policies asked for more rollback revisions while the snapshot ran; the next one will read them."] } };
            }

            var pins = await StoredPolicies.PinsAsync(db, cancellation);
            var quarantined = await StoredPolicies.QuarantinesAsync(db, cancellation);
            var now = time.GetUtcNow();
            read = read with { Inventory = (await ReportedUsage.ReadAsync(db, now, cancellation)).AddTo(read.Inventory) };
            var headings = await RepositoryStaging.HeadingsAsync(db, snapshotId, cancellation);
            var preparing = Stopwatch.StartNew();
            var run = RetentionEngine.Prepare(
                headings, read.Inventory.Uses, read.Inventory.TaskDefinitions, read.Inventory.IncompleteReasons, policies, pins, now, quarantined);
            var prepared = preparing.Elapsed;
            if (await store.SaveAsync(snapshotId, run, headings, read, now, cancellation) is not { } deciding)
            {
                return await db.Snapshots.AsNoTracking().Include(row => row.Sources).SingleAsync(row => row.Id == snapshotId, cancellation);
            }

            engine = prepared + deciding;

            await db.SnapshotReadRepositories.Where(row => row.SnapshotId == snapshotId).ExecuteDeleteAsync(cancellation);
            await db.SnapshotReads.Where(row => row.SnapshotId == snapshotId).ExecuteDeleteAsync(cancellation);
            await ReclaimStagingAsync(db, cancellation);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            await FailAsync(snapshotId, error, CancellationToken.None);
            throw;
        }

        await db.Entry(snapshot).ReloadAsync(cancellation);
        logger.LogInformation(
            "Snapshot {SnapshotId} {Status}: {Repositories} repositories, {Candidates} candidates; the engine decided in {EngineSeconds:0.000} s",
            snapshotId, snapshot.Status.ToLowerInvariant(), snapshot.Repositories, snapshot.Candidates, engine.TotalSeconds);
        metrics.SnapshotSettled(snapshot, engine);
        return snapshot;
    }

    /// <summary>Staged reads are large and short-lived: vacuum their tables so the next snapshot reuses the space.</summary>
    private async Task ReclaimStagingAsync(CuratorDbContext db, CancellationToken cancellation)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM snapshot_reads, snapshot_read_repositories", cancellation);
        }
        catch (Npgsql.PostgresException error)
        {
            logger.LogWarning("Could not vacuum the staged reads ({Message}); autovacuum will reclaim its space later", error.MessageText);
        }
    }

    /// <summary>A snapshot that could not settle says so (and why) instead of staying "Running".</summary>
    private async Task FailAsync(long snapshotId, Exception error, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var snapshot = await db.Snapshots.SingleAsync(row => row.Id == snapshotId, cancellation);
        if (snapshot.Status != SnapshotStatus.Running)
        {
            return; // another settle finished it
        }

        snapshot.Status = SnapshotStatus.Failed;
        snapshot.FinishedAt = time.GetUtcNow();
        snapshot.Problems = [error.Message];
        AuditLog.Record(db, snapshot.StartedBy, "snapshot.failed", $"snapshot/{snapshotId}", new { error = error.Message });
        await db.SaveChangesAsync(cancellation);
        logger.LogError(error, "Snapshot {SnapshotId} failed", snapshotId);
    }
}

public sealed class SnapshotRunningException(string message) : Exception(message);
