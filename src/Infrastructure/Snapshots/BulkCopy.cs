using Npgsql;
using NpgsqlTypes;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>Many rows into one table with binary COPY.</summary>
internal static class BulkCopy
{
    public static async Task WriteAsync<T>(NpgsqlConnection connection, string target, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, CancellationToken, Task> write, CancellationToken cancellation)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellation);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellation);
            await write(copy, row, cancellation);
        }

        await copy.CompleteAsync(cancellation);
    }

    public static Task WriteNullableAsync<T>(this NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellation) =>
        value is null ? copy.WriteNullAsync(cancellation) : copy.WriteAsync(value, type, cancellation);
}
