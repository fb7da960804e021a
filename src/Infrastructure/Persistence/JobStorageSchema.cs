using Hangfire.PostgreSql;
using Npgsql;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>
/// The job storage's (Hangfire's) tables, in a schema of their own in the product's database. With one role the storage
/// installs and upgrades them as it starts; with two the migrator does, as the owner, and the storage does not try to.
/// </summary>
public static class JobStorageSchema
{
    public const string Name = "hangfire";

    public static async Task InstallAsync(NpgsqlConnection owner, CancellationToken cancellation)
    {
        PostgreSqlObjectsInstaller.Install(owner, Name);

        // The installer logs a failed script and carries on: ask the schema what it holds.
        await using var version = new NpgsqlCommand($"SELECT max(version) FROM {Name}.schema", owner);
        try
        {
            if (await version.ExecuteScalarAsync(cancellation) is null or DBNull)
            {
                throw new InvalidOperationException($"The job storage's schema ({Name}) was not installed: see the log.");
            }
        }
        catch (PostgresException error)
        {
            throw new InvalidOperationException($"The job storage's schema ({Name}) could not be installed: {error.MessageText}");
        }
    }
}
