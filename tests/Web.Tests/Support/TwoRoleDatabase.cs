using Npgsql;

namespace EcrCurator.Web.Tests.Support;

/// <summary>
/// A fresh database as docs/deploy.md sets one up with two roles: owned by an owner login role (for
/// <c>ConnectionStrings:CuratorMigrations</c>), and a second login role for the application (<c>ConnectionStrings:Curator</c>).
/// </summary>
public sealed record TwoRoleDatabase(string Owner, string Runtime, string Superuser)
{
    public const string OwnerRole = "curator_web_owner";
    public const string RuntimeRole = "curator_web_runtime";

    /// <summary>Both connection strings as command-line arguments.</summary>
    public string[] Arguments => [$"--ConnectionStrings:Curator={Runtime}", $"--ConnectionStrings:CuratorMigrations={Owner}"];

    public static async Task<TwoRoleDatabase> CreateAsync(string name)
    {
        var superuser = await WebTestDatabase.FreshAsync(name);
        var server = new NpgsqlConnectionStringBuilder(superuser) { Database = "postgres" }.ConnectionString;
        await WebTestDatabase.ExecuteAsync(server, $"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OwnerRole}') THEN CREATE ROLE {OwnerRole} LOGIN; END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{RuntimeRole}') THEN CREATE ROLE {RuntimeRole} LOGIN; END IF;
            END $$
            """);
        await WebTestDatabase.ExecuteAsync(server, $"CREATE DATABASE {name} OWNER {OwnerRole}");
        return new TwoRoleDatabase(As(superuser, OwnerRole), As(superuser, RuntimeRole), superuser);
    }

    private static string As(string connectionString, string user) => new NpgsqlConnectionStringBuilder(connectionString) { Username = user }.ConnectionString;
}
