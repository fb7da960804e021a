using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>
/// Takes a snapshot: reads every registry and usage source, decides under the stored pins and policies, and saves
/// it with its proposals. Two snapshots never run at once (a PostgreSQL advisory lock), and re-running one is safe.
/// </summary>
public sealed class SnapshotService(
    IDbContextFactory<CuratorDbContext> contexts,
    InventoryReader inventory,
    SnapshotStore store,
    IOptions<RetentionOptions> retention,
    IOptions<AwsOptions> aws,
    TimeProvider time,
    ILogger<SnapshotService> logger)
{
    /// <summary>The advisory lock a running snapshot holds.</summary>
    public const long LockKey = 0x4563_7243_7572_0001; // "EcrCur" + 1

    public async Task<SnapshotRow> TakeAsync(string startedBy, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        await using var guard = new NpgsqlConnection(db.Database.GetConnectionString());
        await guard.OpenAsync(cancellation);
        if (!await TryLockAsync(guard, cancellation))
        {
            throw new SnapshotRunningException("A snapshot is already running; try again when it has finished.");
        }

        try
        {
            return await TakeLockedAsync(db, startedBy, cancellation);
        }
        finally
        {
            // A pooled connection keeps a session lock after it is returned: release it explicitly.
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", guard);
            unlock.Parameters.AddWithValue("key", LockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<SnapshotRow> TakeLockedAsync(CuratorDbContext db, string startedBy, CancellationToken cancellation)
    {
        var snapshot = await StartAsync(db, startedBy, cancellation);
        logger.LogInformation("Snapshot {SnapshotId} started by {Actor}", snapshot.Id, startedBy);
        RetentionPlan plan;
        try
        {
            var policies = await StoredPolicies.OverAsync(retention.Value.ToPolicySet(), db, cancellation);
            var pins = await StoredPolicies.PinsAsync(db, cancellation);
            var read = await inventory.ReadAsync(retention.Value.ToTeamRules(), policies.DeepestRollback, await store.KnownManifestsAsync(cancellation), cancellation);
            var now = time.GetUtcNow();
            plan = RetentionEngine.Evaluate(read.Inventory, policies, pins, now);
            await store.SaveAsync(snapshot.Id, plan, read, now, cancellation);
        }
        catch (Exception error)
        {
            await FailAsync(snapshot.Id, error, CancellationToken.None);
            throw;
        }

        logger.LogInformation(
            "Snapshot {SnapshotId} {Status}: {Repositories} repositories, {Candidates} candidates",
            snapshot.Id, plan.IsComplete ? "complete" : "incomplete", plan.Repositories.Count, plan.Repositories.Sum(repository => repository.Candidates.Count()));
        await db.Entry(snapshot).ReloadAsync(cancellation);
        return snapshot;
    }

    private async Task<SnapshotRow> StartAsync(CuratorDbContext db, string startedBy, CancellationToken cancellation)
    {
        var registries = aws.Value.Registries.Select(registry => (registry.AccountId, registry.Region)).ToHashSet();
        var snapshot = new SnapshotRow
        {
            StartedAt = time.GetUtcNow(),
            StartedBy = startedBy,
            Sources =
            [
                .. aws.Value.Registries.Concat(aws.Value.UsageSources)
                    .DistinctBy(source => (source.AccountId, source.Region))
                    .Select(source => new SnapshotSourceRow
                    {
                        AccountId = source.AccountId,
                        Region = source.Region,
                        IsRegistry = registries.Contains((source.AccountId, source.Region)),
                        Status = "Running",
                    }),
            ],
        };
        db.Snapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellation);
        AuditLog.Record(db, startedBy, "snapshot.started", $"snapshot/{snapshot.Id}", new { sources = snapshot.Sources.Select(source => $"{source.AccountId}/{source.Region}") });
        await db.SaveChangesAsync(cancellation);
        return snapshot;
    }

    /// <summary>A snapshot that could not finish says so (and why) instead of staying "Running".</summary>
    private async Task FailAsync(long snapshotId, Exception error, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var snapshot = await db.Snapshots.Include(row => row.Sources).SingleAsync(row => row.Id == snapshotId, cancellation);
        snapshot.Status = "Failed";
        snapshot.FinishedAt = time.GetUtcNow();
        snapshot.Problems = [error.Message];
        snapshot.Sources.ForEach(source => source.Status = source.Status == "Running" ? "Failed" : source.Status);
        AuditLog.Record(db, snapshot.StartedBy, "snapshot.failed", $"snapshot/{snapshotId}", new { error = error.Message });
        await db.SaveChangesAsync(cancellation);
        logger.LogError(error, "Snapshot {SnapshotId} failed", snapshotId);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", LockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellation))!;
    }
}

public sealed class SnapshotRunningException(string message) : Exception(message);
