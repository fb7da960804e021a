using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>
/// Stages the repositories one source reads for a snapshot as they are read: each one row of gzip JSON, written with
/// binary COPY in a transaction of the source's own, so that the read never holds a registry in memory. A source read
/// again (its first read died) replaces its rows; nothing is visible until the read commits.
/// </summary>
internal sealed class RepositoryStaging : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CuratorDbContext db;
    private readonly IDbContextTransaction transaction;
    private readonly NpgsqlBinaryImporter copy;
    private readonly long snapshotId;

    private RepositoryStaging(CuratorDbContext db, IDbContextTransaction transaction, NpgsqlBinaryImporter copy, long snapshotId)
    {
        this.db = db;
        this.transaction = transaction;
        this.copy = copy;
        this.snapshotId = snapshotId;
    }

    public static async Task<RepositoryStaging> OpenAsync(
        IDbContextFactory<CuratorDbContext> contexts, long snapshotId, string accountId, string region, CancellationToken cancellation)
    {
        var db = await contexts.CreateDbContextAsync(cancellation);
        var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await db.SnapshotReadRepositories
            .Where(row => row.SnapshotId == snapshotId && row.AccountId == accountId && row.Region == region)
            .ExecuteDeleteAsync(cancellation);
        var copy = await ((NpgsqlConnection)db.Database.GetDbConnection()).BeginBinaryImportAsync(
            "COPY snapshot_read_repositories (snapshot_id, account_id, region, name, team, payload) FROM STDIN (FORMAT BINARY)", cancellation);
        return new RepositoryStaging(db, transaction, copy, snapshotId);
    }

    /// <summary>Stages one repository; safe to call from several threads at once.</summary>
    public async ValueTask AddAsync(RepositoryRecord repository, CancellationToken cancellation)
    {
        var payload = GzipJson.Pack(repository);
        await gate.WaitAsync(cancellation);
        try
        {
            await copy.StartRowAsync(cancellation);
            await copy.WriteAsync(snapshotId, NpgsqlDbType.Bigint, cancellation);
            await copy.WriteAsync(repository.Key.AccountId, NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(repository.Key.Region, NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(repository.Key.Name, NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(repository.Team, NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(payload, NpgsqlDbType.Bytea, cancellation);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Commits the staged repositories together with what <paramref name="finish"/> writes in the same transaction.</summary>
    public async Task<T> CommitAsync<T>(Func<CuratorDbContext, Task<T>> finish, CancellationToken cancellation)
    {
        await copy.CompleteAsync(cancellation);
        await copy.DisposeAsync();
        var result = await finish(db);
        await transaction.CommitAsync(cancellation);
        return result;
    }

    /// <summary>Without <see cref="CommitAsync"/>, the COPY and its transaction are rolled back.</summary>
    public async ValueTask DisposeAsync()
    {
        await copy.DisposeAsync();
        await transaction.DisposeAsync();
        await db.DisposeAsync();
        gate.Dispose();
    }

    /// <summary>The repositories staged for a snapshot, one at a time in key order, streamed over a connection of their own.</summary>
    public static async IAsyncEnumerable<RepositoryRecord> ReadAsync(
        IDbContextFactory<CuratorDbContext> contexts, long snapshotId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var payloads = db.SnapshotReadRepositories.AsNoTracking()
            .Where(row => row.SnapshotId == snapshotId)
            .OrderBy(row => row.AccountId).ThenBy(row => row.Region).ThenBy(row => row.Name) // the order of its key: the same every time
            .Select(row => row.Payload)
            .AsAsyncEnumerable();
        await foreach (var payload in payloads.WithCancellation(cancellation))
        {
            yield return GzipJson.Unpack<RepositoryRecord>(payload);
        }
    }

    /// <summary>What was staged for a snapshot, but the images: each repository's key and team.</summary>
    public static async Task<List<RepositoryHeading>> HeadingsAsync(CuratorDbContext db, long snapshotId, CancellationToken cancellation) =>
        [.. (await db.SnapshotReadRepositories.AsNoTracking()
                .Where(row => row.SnapshotId == snapshotId)
                .Select(row => new { row.AccountId, row.Region, row.Name, row.Team })
                .ToListAsync(cancellation))
            .Select(row => new RepositoryHeading(new RepositoryKey(row.AccountId, row.Region, row.Name), row.Team))];
}
