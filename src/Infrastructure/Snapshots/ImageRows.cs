using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws.Ecr;
using EcrCurator.Infrastructure.Persistence.Model;
using Npgsql;
using NpgsqlTypes;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>
/// Writes a snapshot's images, one repository at a time as they are decided, with binary COPY into a staging table;
/// then changes only the rows whose image or decision changed, and marks the images no longer there as gone: an
/// unchanged organisation rewrites nothing. The staging table (<c>images_staging</c>) lasts until the transaction ends.
/// </summary>
internal sealed class ImageRows : IAsyncDisposable
{
    private const string Columns =
        "repository_id, digest, tags, pushed_at, size_bytes, last_pulled_at, media_type, artifact_media_type, status, manifests, subject, layer_digests, layer_sizes, decision, reasons, used_by, is_dependent, last_archived_at, last_activated_at, action";

    private static readonly string Compared = string.Join(", ", Columns.Split(", ").Skip(2).Select(column => $"images.{column}")) + ", images.gone_at";
    private static readonly string Incoming = string.Join(", ", Columns.Split(", ").Skip(2).Select(column => $"EXCLUDED.{column}")) + ", NULL::timestamptz";
    private static readonly string Updates = string.Join(", ", Columns.Split(", ").Skip(2).Select(column => $"{column} = EXCLUDED.{column}")) + ", gone_at = NULL";

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlBinaryImporter copy;

    private ImageRows(NpgsqlConnection connection, NpgsqlBinaryImporter copy)
    {
        this.connection = connection;
        this.copy = copy;
    }

    public static async Task<ImageRows> BeginAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await Execute(connection, $"CREATE TEMP TABLE images_staging ON COMMIT DROP AS SELECT {Columns} FROM images WITH NO DATA", cancellation);
        return new ImageRows(connection, await connection.BeginBinaryImportAsync($"COPY images_staging ({Columns}) FROM STDIN (FORMAT BINARY)", cancellation));
    }

    public async Task WriteAsync(long repositoryId, RepositoryPlan repository, CancellationToken cancellation)
    {
        foreach (var decision in repository.Images)
        {
            var image = decision.Image;
            await copy.StartRowAsync(cancellation);
            await copy.WriteAsync(repositoryId, NpgsqlDbType.Bigint, cancellation);
            await copy.WriteAsync(image.Digest, NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(image.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(image.PushedAt, NpgsqlDbType.TimestampTz, cancellation);
            await copy.WriteAsync(image.SizeBytes, NpgsqlDbType.Bigint, cancellation);
            await copy.WriteNullableAsync(image.LastPulledAt, NpgsqlDbType.TimestampTz, cancellation);
            await copy.WriteNullableAsync(image.MediaType, NpgsqlDbType.Text, cancellation);
            await copy.WriteNullableAsync(image.ArtifactMediaType, NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(StatusOf(image.Status), NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(image.Manifests.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
            await copy.WriteNullableAsync(image.Subject, NpgsqlDbType.Text, cancellation);
            await copy.WriteNullableAsync(image.Layers?.Select(layer => layer.Digest).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
            await copy.WriteNullableAsync(image.Layers?.Select(layer => layer.Size).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint, cancellation);
            await copy.WriteAsync(decision.Decision == Decision.Delete ? "delete" : "keep", NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(decision.ReasonCodes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(decision.UsedBy.Select(site => site.ToString()).Order(StringComparer.Ordinal).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(decision.IsDependent, NpgsqlDbType.Boolean, cancellation);
            await copy.WriteNullableAsync(image.LastArchivedAt, NpgsqlDbType.TimestampTz, cancellation);
            await copy.WriteNullableAsync(image.LastActivatedAt, NpgsqlDbType.TimestampTz, cancellation);
            await copy.WriteNullableAsync(decision.IsCandidate ? CandidateActions.Of(decision.Action) : null, NpgsqlDbType.Text, cancellation);
        }
    }

    /// <summary>ECR's <c>imageStatus</c> as the snapshot stores it.</summary>
    public static string StatusOf(ImageStatus status) => status switch
    {
        ImageStatus.Archived => EcrStorage.Archived,
        ImageStatus.Activating => EcrStorage.Activating,
        _ => EcrStorage.Active,
    };

    /// <summary>Ends the COPY and applies what it staged to <c>images</c>; returns how many rows changed.</summary>
    public async Task<int> SaveAsync(long[] repositoriesRead, long snapshotId, DateTimeOffset now, CancellationToken cancellation)
    {
        await copy.CompleteAsync(cancellation);
        await copy.DisposeAsync();
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

    public ValueTask DisposeAsync() => copy.DisposeAsync();

    private static async Task<int> Execute(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellation);
    }
}
