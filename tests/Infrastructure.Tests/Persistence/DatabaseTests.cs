using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EcrCurator.Infrastructure.Tests.Persistence;

[Collection(DatabaseCollection.Name)]
public sealed class DatabaseTests(TestDatabase database) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task MigratesFromAnEmptyDatabaseToTheModelWithNothingPending()
    {
        await using var db = database.Contexts.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration holds: add one (see the README).");
        Assert.Equal(1, await db.Settings.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RefusesToChangeOrDeleteAnAuditEntry()
    {
        await using var db = database.Contexts.CreateDbContext();
        AuditLog.Record(db, "alice", "pin.added", "111111111111/ap-northeast-1/care/api@sha256:0", new { reason = "release" }, at: DateTimeOffset.UnixEpoch);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var update = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = 'mallory'", TestContext.Current.CancellationToken));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries", TestContext.Current.CancellationToken));

        Assert.Contains("append-only", update.MessageText);
        Assert.Contains("append-only", delete.MessageText);
        Assert.Equal("alice", (await db.AuditEntries.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).Actor);
    }

    [Fact]
    public async Task TellsTheLoserOfTwoConcurrentPolicyEditsThatItLost()
    {
        await using (var setup = database.Contexts.CreateDbContext())
        {
            setup.Policies.Add(new PolicyRow { Scope = "Team", Team = "care", KeepNewest = 3, UpdatedAt = DateTimeOffset.UtcNow });
            await setup.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var alice = database.Contexts.CreateDbContext();
        await using var bob = database.Contexts.CreateDbContext();
        var hers = await alice.Policies.SingleAsync(TestContext.Current.CancellationToken);
        var his = await bob.Policies.SingleAsync(TestContext.Current.CancellationToken);
        hers.KeepNewest = 5;
        his.KeepNewest = 10;

        await alice.SaveChangesAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => bob.SaveChangesAsync(TestContext.Current.CancellationToken));

        await using var check = database.Contexts.CreateDbContext();
        Assert.Equal(5, (await check.Policies.SingleAsync(TestContext.Current.CancellationToken)).KeepNewest);
    }

    [Fact]
    public async Task AppliesMigrationsOnceWhenTwoServersStartTogether()
    {
        const string name = "curator_migration_race";
        await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await server.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var options = new DbContextOptionsBuilder<CuratorDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = name }.ConnectionString).Options;
        Task<IReadOnlyList<string>> Server() =>
            new DatabaseMigrator(new Contexts(options), NullLogger<DatabaseMigrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);

        var both = await Task.WhenAll(Server(), Server());

        Assert.Single(both, applied => applied.Count > 0);
        Assert.Single(both, applied => applied.Count == 0);
        Assert.Empty(await Server());
    }

    [Fact]
    public async Task MigratesANewDatabaseWithoutLoggingAnyError()
    {
        const string name = "curator_migration_quiet";
        await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await server.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var errors = new List<string>();
        var options = new DbContextOptionsBuilder<CuratorDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = name }.ConnectionString)
            .LogTo(errors.Add, Microsoft.Extensions.Logging.LogLevel.Error)
            .Options;

        var applied = await new DatabaseMigrator(new Contexts(options), NullLogger<DatabaseMigrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(applied);
        Assert.Empty(errors);
    }

    private sealed class Contexts(DbContextOptions<CuratorDbContext> options) : IDbContextFactory<CuratorDbContext>
    {
        public CuratorDbContext CreateDbContext() => new(options);
    }
}
