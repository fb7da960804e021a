using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>
/// Applies pending migrations as the owner (<see cref="DatabaseRoles"/>); when the application runs as another role,
/// also installs the job storage's schema and grants that role what it needs (<see cref="RuntimeRole"/>). Servers
/// starting at once wait on one advisory lock, so the migrations are applied once.
/// </summary>
/// <param name="contexts">The application's contexts: the owner's too when the roles are one.</param>
public sealed class DatabaseMigrator(IDbContextFactory<CuratorDbContext> contexts, ILogger<DatabaseMigrator> logger, DatabaseRoles? roles = null)
{
    private const long LockKey = 0x4563_7243_7572_0000; // "EcrCur" + 0

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellation)
    {
        await using var db = roles is { Separate: true }
            ? new CuratorDbContext(new DbContextOptionsBuilder<CuratorDbContext>().UseNpgsql(roles.Owner).Options)
            : await contexts.CreateDbContextAsync(cancellation);
        await CreateIfMissingAsync(db, cancellation);
        await using var held = await AdvisoryLock.TakeAsync(db.Database.GetConnectionString()!, [LockKey], cancellation);
        await db.Database.OpenConnectionAsync(cancellation);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (roles is { Separate: true })
        {
            await RuntimeRole.CheckAsync(connection, roles, cancellation);
        }

        // On a new database EF Core's first look at the history table would fail, and log an error, before creating it.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellation);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellation)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellation);
            logger.LogInformation("Applied migrations {Migrations}", string.Join(", ", pending));
        }

        if (roles is { Separate: true })
        {
            // With one role the job storage installs its schema itself as it starts; another role could not.
            await JobStorageSchema.InstallAsync(connection, cancellation);
            await RuntimeRole.GrantAsync(connection, roles, cancellation);
            logger.LogInformation("Granted {User} the application's privileges", roles.RuntimeUser);
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
