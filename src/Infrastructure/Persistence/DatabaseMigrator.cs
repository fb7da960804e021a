using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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
        await using var held = await AdvisoryLock.TakeAsync(db.Database.GetConnectionString()!, [LockKey], cancellation);
        // On a new database EF Core's first look at the history table would fail, and log an error, before creating it.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellation);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellation)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellation);
            logger.LogInformation("Applied migrations {Migrations}", string.Join(", ", pending));
        }

        return pending;
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
