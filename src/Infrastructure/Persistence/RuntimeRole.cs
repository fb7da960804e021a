using Npgsql;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>
/// What the application's own role may do when the owner is another role (<see cref="DatabaseRoles.Separate"/>): read
/// and write the product's and the job storage's tables, but only insert into and read the audit log, and create
/// temporary tables; no TRUNCATE, no ownership. Run by the owner after every migration, so new tables are included.
/// </summary>
public static class RuntimeRole
{
    /// <summary>The schemas the product keeps its tables in: its own, and the job storage's (Hangfire).</summary>
    private static readonly string[] Schemas = ["public", JobStorageSchema.Name];

    /// <summary>
    /// Refuses a runtime role that could rewrite the audit log anyway: a superuser, a member of the owner role, or the
    /// owner of the database, a schema or a table (as when the application's role owned everything before).
    /// </summary>
    public static async Task CheckAsync(NpgsqlConnection owner, DatabaseRoles roles, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.rolsuper, pg_has_role(r.oid, current_user, 'MEMBER'),
                   (SELECT string_agg(owned, ', ') FROM (
                        SELECT 'the database ' || quote_ident(datname) FROM pg_database WHERE datname = current_database() AND datdba = r.oid
                        UNION ALL SELECT 'the schema ' || quote_ident(nspname) FROM pg_namespace WHERE nspowner = r.oid AND nspname = ANY(@schemas)
                        UNION ALL SELECT 'the table ' || c.oid::regclass::text
                                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                  WHERE c.relowner = r.oid AND n.nspname = ANY(@schemas) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')) AS objects(owned))
            FROM pg_roles r WHERE r.rolname = @runtime
            """, owner);
        command.Parameters.AddWithValue("runtime", roles.RuntimeUser);
        command.Parameters.AddWithValue("schemas", Schemas);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var user = $"The user '{roles.RuntimeUser}' of ConnectionStrings:{DatabaseOptions.ConnectionStringName}";
        if (!await reader.ReadAsync(cancellation))
        {
            throw new InvalidOperationException($"{user} does not exist in PostgreSQL: create it (CREATE ROLE {Quote(roles.RuntimeUser)} LOGIN PASSWORD '...'); the migrations grant it what it needs.");
        }

        if (reader.GetBoolean(0))
        {
            throw new InvalidOperationException($"{user} is a superuser, which can rewrite the audit log: give the application a plain login role (docs/deploy.md).");
        }

        if (reader.GetBoolean(1))
        {
            throw new InvalidOperationException(
                $"{user} is a member of '{roles.OwnerUser}', the owner of ConnectionStrings:{DatabaseRoles.OwnerConnectionStringName}, and can do what it does: REVOKE {Quote(roles.OwnerUser)} FROM {Quote(roles.RuntimeUser)}.");
        }

        if (!reader.IsDBNull(2))
        {
            throw new InvalidOperationException(
                $"{user} owns {reader.GetString(2)}, and could alter the audit log: '{roles.OwnerUser}' of ConnectionStrings:{DatabaseRoles.OwnerConnectionStringName} must own them. " +
                $"As a superuser, in this database: REASSIGN OWNED BY {Quote(roles.RuntimeUser)} TO {Quote(roles.OwnerUser)}; then migrate again.");
        }
    }

    /// <summary>Grants the runtime role exactly what it needs, revoking anything else it was given on the product's tables.</summary>
    public static async Task GrantAsync(NpgsqlConnection owner, DatabaseRoles roles, CancellationToken cancellation)
    {
        await using var name = new NpgsqlCommand("SELECT current_database()", owner);
        var database = Quote((string)(await name.ExecuteScalarAsync(cancellation))!);
        var runtime = Quote(roles.RuntimeUser);
        var schemas = string.Join(", ", Schemas.Select(Quote));
        await using var grant = new NpgsqlCommand($"""
            REVOKE ALL ON ALL TABLES IN SCHEMA {schemas} FROM {runtime};
            REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schemas} FROM {runtime};
            GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {runtime};
            GRANT USAGE ON SCHEMA {schemas} TO {runtime};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schemas} TO {runtime};
            REVOKE UPDATE, DELETE ON audit_entries FROM {runtime};
            REVOKE INSERT, UPDATE, DELETE ON "__EFMigrationsHistory" FROM {runtime};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schemas} TO {runtime};
            """, owner);
        await grant.ExecuteNonQueryAsync(cancellation);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
