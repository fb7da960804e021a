using Npgsql;

namespace EcrCurator.Benchmarks;

/// <summary>The benchmarks' own database: dropped before a run, measured after each snapshot.</summary>
internal static class BenchmarkDatabase
{
    public static async Task DropAsync(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var server = new NpgsqlConnection(builder.ConnectionString);
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The database's size after a checkpoint, so that what was written is counted; 0 before it exists.</summary>
    public static async Task<long> SizeAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        try
        {
            await db.OpenAsync();
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return 0;
        }

        await using var checkpoint = new NpgsqlCommand("CHECKPOINT", db);
        await checkpoint.ExecuteNonQueryAsync();
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", db);
        return (long)(await size.ExecuteScalarAsync())!;
    }
}
