using EcrCurator.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EcrCurator.Infrastructure.Tests.Persistence;

/// <summary>
/// This test project's own database on the PostgreSQL that the test command starts (CURATOR_TEST_POSTGRES):
/// created empty and migrated once, emptied before each test that uses it.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public const string Variable = "CURATOR_TEST_POSTGRES";

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set: run the tests with ./test.sh, which starts PostgreSQL."))
    {
        Database = "curator_infrastructure_tests",
    }.ConnectionString;

    public IDbContextFactory<CuratorDbContext> Contexts => new ContextFactory(ConnectionString);

    public async ValueTask InitializeAsync()
    {
        await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS curator_infrastructure_tests WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }

        await new DatabaseMigrator(Contexts, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }

    /// <summary>
    /// Empties every table and the job storage's when it exists (a job left by a test must not run for the next one's
    /// proposal of the same number), and seeds the settings again. The audit log refuses TRUNCATE to every role: this
    /// connects as the superuser the test command starts and truncates with triggers off
    /// (<c>session_replication_role = replica</c>, which only a superuser may set), for this transaction only.
    /// </summary>
    public async Task ResetAsync()
    {
        await using var db = Contexts.CreateDbContext();
        var tables = db.Model.GetEntityTypes().Select(entity => $"\"{entity.GetTableName()}\"").Distinct();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
#pragma warning disable EF1002 // The table names come from the model, not from input.
            await db.Database.ExecuteSqlRawAsync($"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE");
#pragma warning restore EF1002
            await db.Database.ExecuteSqlRawAsync(
                """
                DO $$ DECLARE jobs text; BEGIN
                  SELECT string_agg(format('hangfire.%I', tablename), ', ') INTO jobs FROM pg_tables WHERE schemaname = 'hangfire' AND tablename <> 'schema';
                  IF jobs IS NOT NULL THEN EXECUTE 'TRUNCATE ' || jobs || ' RESTART IDENTITY CASCADE'; END IF;
                END $$
                """);
            await transaction.CommitAsync();
        }

        await db.Database.ExecuteSqlRawAsync("INSERT INTO settings (id, kill_switch, dry_run, snapshot_cron, time_zone, approvals_required, auto_run_max_image_share, auto_run_max_byte_share, updated_by, updated_at) VALUES (1, false, false, '0 1 * * *', 'Asia/Tokyo', 1, 0.5, 0.5, 'system', now())");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class ContextFactory(string connectionString) : IDbContextFactory<CuratorDbContext>
    {
        public CuratorDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<CuratorDbContext>().UseNpgsql(connectionString).Options);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatabaseCollection : ICollectionFixture<TestDatabase>
{
    public const string Name = "database";
}
