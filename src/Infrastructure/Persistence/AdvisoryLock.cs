using Npgsql;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>
/// A PostgreSQL session advisory lock held on a connection of its own and released explicitly when disposed (a
/// pooled connection would otherwise keep it after it is returned). The key is one bigint or two integers.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly object[] key;

    private AdvisoryLock(NpgsqlConnection connection, object[] key)
    {
        this.connection = connection;
        this.key = key;
    }

    /// <summary>Waits for the lock.</summary>
    public static async Task<AdvisoryLock> TakeAsync(string connectionString, object[] key, CancellationToken cancellation) =>
        (await AcquireAsync(connectionString, "pg_advisory_lock", key, cancellation))!;

    /// <summary>The lock, or null when another session holds it.</summary>
    public static Task<AdvisoryLock?> TryTakeAsync(string connectionString, object[] key, CancellationToken cancellation) =>
        AcquireAsync(connectionString, "pg_try_advisory_lock", key, cancellation);

    /// <summary>
    /// The second keys of the two-integer locks of <paramref name="space"/> that some session holds now, in any process
    /// (a process that died has released its locks with its connections).
    /// </summary>
    public static async Task<IReadOnlySet<int>> HeldAsync(string connectionString, int space, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            "SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = @space::bigint::oid AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection);
        command.Parameters.AddWithValue("space", (long)space);
        var held = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            held.Add((int)reader.GetInt64(0));
        }

        return held;
    }

    public async ValueTask DisposeAsync()
    {
        await CallAsync(connection, "pg_advisory_unlock", key, CancellationToken.None);
        await connection.DisposeAsync();
    }

    private static async Task<AdvisoryLock?> AcquireAsync(string connectionString, string function, object[] key, CancellationToken cancellation)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        if (await CallAsync(connection, function, key, cancellation) is false)
        {
            await connection.DisposeAsync();
            return null;
        }

        return new AdvisoryLock(connection, key);
    }

    private static async Task<object?> CallAsync(NpgsqlConnection connection, string function, object[] key, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}({string.Join(", ", key.Select((_, i) => $"@k{i}"))})", connection);
        for (var i = 0; i < key.Length; i++)
        {
            command.Parameters.AddWithValue($"k{i}", key[i]);
        }

        return await command.ExecuteScalarAsync(cancellation);
    }
}
