using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>Applies pending migrations; servers starting at once wait on one advisory lock, so they are applied once.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<CuratorDbContext> contexts, ILogger<DatabaseMigrator> logger)
{
    private const long LockKey = 0x4563_7243_7572_0000; // "EcrCur" + 0

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        await CreateIfMissingAsync(db, cancellation);
        await using var guard = new NpgsqlConnection(db.Database.GetConnectionString());
        await guard.OpenAsync(cancellation);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", guard))
        {
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync(cancellation);
        }

        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellation)).ToList();
            if (pending.Count > 0)
            {
                await db.Database.MigrateAsync(cancellation);
                logger.LogInformation("Applied migrations {Migrations}", string.Join(", ", pending));
            }

            return pending;
        }
        finally
        {
            // A pooled connection keeps a session lock after it is returned: release it explicitly.
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", guard);
            unlock.Parameters.AddWithValue("key", LockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task CreateIfMissingAsync(CuratorDbContext db, CancellationToken cancellation)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        try
        {
            if (!await creator.ExistsAsync(cancellation))
            {
                await creator.CreateAsync(cancellation);
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another server created it a moment ago.
        }
    }
}
