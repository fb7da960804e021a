using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EcrCurator.Infrastructure.Tests.Audit;

/// <summary>
/// A database as docs/deploy.md sets it up: an owner role (<c>ConnectionStrings:CuratorMigrations</c>) that creates and
/// migrates it, and the application's own login role (<c>ConnectionStrings:Curator</c>), on the test command's PostgreSQL.
/// </summary>
public sealed class TwoRoles : IAsyncLifetime
{
    public const string Owner = "curator_it_owner";
    public const string Runtime = "curator_it_runtime";
    private const string Name = "curator_it_two_roles";

    private readonly string server = new TestDatabase().ConnectionString;

    public DatabaseRoles Roles => DatabaseRoles.Of(As(Runtime), As(Owner));

    /// <summary>A connection string to a database of the test server as a user (the superuser by default).</summary>
    public string As(string user, string database = Name) => new NpgsqlConnectionStringBuilder(server) { Username = user, Database = database }.ConnectionString;

    public string Superuser(string database = Name) => new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        await ExecuteAsync(Superuser("postgres"), $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await ExecuteAsync(Superuser("postgres"), $"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Owner}') THEN CREATE ROLE {Owner} LOGIN CREATEDB; END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Runtime}') THEN CREATE ROLE {Runtime} LOGIN; END IF;
            END $$;
            """);
        await MigrateAsync(Roles);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Migrates as the migrate command and the server do: the owner's connection, the runtime's grants.</summary>
    public static Task<IReadOnlyList<string>> MigrateAsync(DatabaseRoles roles) =>
        new DatabaseMigrator(new Contexts(roles.Runtime), NullLogger<DatabaseMigrator>.Instance, roles).MigrateAsync(TestContext.Current.CancellationToken);

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public sealed class Contexts(string connectionString) : IDbContextFactory<CuratorDbContext>
    {
        public CuratorDbContext CreateDbContext() => new(new DbContextOptionsBuilder<CuratorDbContext>().UseNpgsql(connectionString).Options);
    }
}
