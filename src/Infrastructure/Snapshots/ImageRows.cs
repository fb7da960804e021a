using EcrCurator.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>
/// Writes a snapshot's images with binary COPY into a staging table, then changes only the rows whose image or
/// decision changed, and marks the images no longer there as gone: an unchanged organisation rewrites nothing.
/// </summary>
internal static class ImageRows
{
    private const string Columns =
        "repository_id, digest, tags, pushed_at, size_bytes, last_pulled_at, media_type, artifact_media_type, status, manifests, subject, layer_digests, layer_sizes, decision, reasons, used_by";

    private static readonly string Compared = string.Join(", ", Columns.Split(", ").Skip(2).Select(column => $"images.{column}")) + ", images.gone_at";
    private static readonly string Incoming = string.Join(", ", Columns.Split(", ").Skip(2).Select(column => $"EXCLUDED.{column}")) + ", NULL::timestamptz";
    private static readonly string Updates = string.Join(", ", Columns.Split(", ").Skip(2).Select(column => $"{column} = EXCLUDED.{column}")) + ", gone_at = NULL";

    public static async Task<int> SaveAsync(NpgsqlConnection connection, IEnumerable<StagedImage> images, long[] repositoriesRead, long snapshotId, DateTimeOffset now, CancellationToken cancellation)
    {
        await Execute(connection, $"CREATE TEMP TABLE images_staging ON COMMIT DROP AS SELECT {Columns} FROM images WITH NO DATA", cancellation);
        await BulkCopy.WriteAsync(connection, $"images_staging ({Columns})", images, WriteAsync, cancellation);

        var changed = await Execute(
            connection,
            $"""
            INSERT INTO images ({Columns}, changed_snapshot_id)
            SELECT {Columns}, {snapshotId} FROM images_staging
            ON CONFLICT (repository_id, digest) DO UPDATE SET {Updates}, changed_snapshot_id = EXCLUDED.changed_snapshot_id
            WHERE ({Compared}) IS DISTINCT FROM ({Incoming})
            """,
            cancellation);
        await using var gone = new NpgsqlCommand(
            """
            UPDATE images SET gone_at = @now
            WHERE repository_id = ANY(@repositories) AND gone_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM images_staging staged WHERE staged.repository_id = images.repository_id AND staged.digest = images.digest)
            """,
            connection);
        gone.Parameters.AddWithValue("now", now);
        gone.Parameters.AddWithValue("repositories", repositoriesRead);
        return changed + await gone.ExecuteNonQueryAsync(cancellation);
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, StagedImage image, CancellationToken cancellation)
    {
        await copy.WriteAsync(image.RepositoryId, NpgsqlDbType.Bigint, cancellation);
        await copy.WriteAsync(image.Digest, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(image.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(image.PushedAt, NpgsqlDbType.TimestampTz, cancellation);
        await copy.WriteAsync(image.SizeBytes, NpgsqlDbType.Bigint, cancellation);
        await copy.WriteNullableAsync(image.LastPulledAt, NpgsqlDbType.TimestampTz, cancellation);
        await copy.WriteNullableAsync(image.MediaType, NpgsqlDbType.Text, cancellation);
        await copy.WriteNullableAsync(image.ArtifactMediaType, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(image.Status, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(image.Manifests, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
        await copy.WriteNullableAsync(image.Subject, NpgsqlDbType.Text, cancellation);
        await copy.WriteNullableAsync(image.LayerDigests, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
        await copy.WriteNullableAsync(image.LayerSizes, NpgsqlDbType.Array | NpgsqlDbType.Bigint, cancellation);
        await copy.WriteAsync(image.Decision, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(image.Reasons, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(image.UsedBy, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
    }

    private static async Task<int> Execute(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellation);
    }

}

/// <summary>One image as a snapshot stages it.</summary>
internal sealed record StagedImage(
    long RepositoryId,
    string Digest,
    string[] Tags,
    DateTimeOffset PushedAt,
    long SizeBytes,
    DateTimeOffset? LastPulledAt,
    string? MediaType,
    string? ArtifactMediaType,
    string Status,
    string[] Manifests,
    string? Subject,
    string[]? LayerDigests,
    long[]? LayerSizes,
    string Decision,
    string[] Reasons,
    string[] UsedBy);
