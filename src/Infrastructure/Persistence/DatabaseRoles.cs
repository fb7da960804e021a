using Npgsql;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>
/// The database's two roles (docs/security.md): <c>ConnectionStrings:Curator</c>, the role the application acts as, and
/// <c>ConnectionStrings:CuratorMigrations</c>, the owner that the migrations (and the installation of the job storage)
/// run as; by default the same. When their users differ the runtime role owns nothing and may only insert into and
/// read the audit log (<see cref="RuntimeRole"/>).
/// </summary>
public sealed class DatabaseRoles
{
    public const string OwnerConnectionStringName = "CuratorMigrations";

    private DatabaseRoles(string runtime, string owner, string? runtimeUser, string? ownerUser)
    {
        Runtime = runtime;
        Owner = owner;
        RuntimeUser = runtimeUser ?? "";
        OwnerUser = ownerUser ?? "";
        Separate = !string.Equals(runtimeUser, ownerUser, StringComparison.Ordinal);
    }

    /// <summary>The application's connection string.</summary>
    public string Runtime { get; }

    /// <summary>The owner's connection string (the application's when no other is configured).</summary>
    public string Owner { get; }

    public string RuntimeUser { get; }

    public string OwnerUser { get; }

    /// <summary>True when the owner is another user than the application's.</summary>
    public bool Separate { get; }

    /// <exception cref="InvalidOperationException">When the two connection strings name different databases, or a user is missing.</exception>
    public static DatabaseRoles Of(string runtime, string? owner)
    {
        var application = Parse(runtime, DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(owner))
        {
            return new DatabaseRoles(runtime, runtime, application.Username, application.Username);
        }

        var migrations = Parse(owner, OwnerConnectionStringName);
        if (Where(application) != Where(migrations))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{OwnerConnectionStringName} names the database {Where(migrations)} and ConnectionStrings:{DatabaseOptions.ConnectionStringName} {Where(application)}: both must name the same database.");
        }

        var roles = new DatabaseRoles(runtime, owner, application.Username, migrations.Username);
        if (roles.Separate && (roles.RuntimeUser.Length == 0 || roles.OwnerUser.Length == 0))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{(roles.RuntimeUser.Length == 0 ? DatabaseOptions.ConnectionStringName : OwnerConnectionStringName)} names no Username: with two roles both connection strings name theirs.");
        }

        return roles;
    }

    private static NpgsqlConnectionStringBuilder Parse(string connectionString, string name)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException error)
        {
            throw new InvalidOperationException($"ConnectionStrings:{name} is not an Npgsql connection string: {error.Message}");
        }
    }

    private static string Where(NpgsqlConnectionStringBuilder connection) =>
        $"{connection.Host?.ToLowerInvariant()}:{connection.Port}/{connection.Database ?? connection.Username}";
}
