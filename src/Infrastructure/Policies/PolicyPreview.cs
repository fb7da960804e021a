using System.Diagnostics;
using System.Threading.Channels;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EcrCurator.Infrastructure.Policies;

/// <summary>
/// What a policy change would do, before it is saved: the pure engine decides the last snapshot's stored images under
/// the policies in force and under the edited ones, repository by repository as they stream from PostgreSQL, and the
/// decisions are compared. Usage is what the last snapshot found: an image it kept in use or as a rollback target is
/// held under both (no usage is read here), and pins and quarantines are today's.
/// </summary>
public static class PolicyPreview
{
    private static readonly string InUse = ReasonCodes.Code(Reasons.InUse);
    private static readonly string RollbackTarget = ReasonCodes.Code(Reasons.RollbackTarget);

    public static async Task<PolicyImpact> CompareAsync(CuratorDbContext db, PolicySet current, PolicySet edited, DateTimeOffset now, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var snapshot = await db.Snapshots.AsNoTracking().Where(row => row.FinishedAt != null).OrderByDescending(row => row.Id)
            .Select(row => new { row.Id, row.IncompleteReasons }).FirstOrDefaultAsync(cancellation);
        var repositories = await db.Repositories.AsNoTracking().Where(row => row.GoneAt == null)
            .Select(row => new { row.Id, row.AccountId, row.Region, row.Name, row.Team }).ToDictionaryAsync(row => row.Id, cancellation);
        var headings = repositories.Values.Select(row => new RepositoryHeading(new RepositoryKey(row.AccountId, row.Region, row.Name), row.Team)).ToList();
        var pins = await StoredPolicies.PinsAsync(db, cancellation);
        var quarantined = await StoredPolicies.QuarantinesAsync(db, cancellation);
        var incomplete = snapshot?.IncompleteReasons ?? [];
        var before = RetentionEngine.Prepare(headings, [], [], incomplete, current, pins, now, quarantined);
        var after = RetentionEngine.Prepare(headings, [], [], incomplete, edited, pins, now, quarantined);

        // Reading (PostgreSQL decoding rows) and deciding (the engine) overlap: one repository is decided while the next ones are read.
        var impact = new Tally();
        var read = Channel.CreateBounded<(long Repository, List<ImageRecord> Images, HashSet<string> Held)>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        var deciding = Task.Run(
            async () =>
            {
                await foreach (var (repositoryId, images, held) in read.Reader.ReadAllAsync(cancellation))
                {
                    if (repositories.TryGetValue(repositoryId, out var row))
                    {
                        var record = new RepositoryRecord(new RepositoryKey(row.AccountId, row.Region, row.Name), row.Team, images);
                        impact.Add(before.Evaluate(record, held), after.Evaluate(record, held));
                    }
                }
            },
            cancellation);
        _ = deciding.ContinueWith(failed => read.Writer.TryComplete(failed.Exception?.InnerException), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellation);
        try
        {
            await foreach (var repository in ReadAsync(connection, cancellation))
            {
                await read.Writer.WriteAsync(repository, cancellation);
            }
        }
        finally
        {
            read.Writer.TryComplete();
            await db.Database.CloseConnectionAsync();
        }

        await deciding;
        return impact.Result(snapshot?.Id, clock.Elapsed);
    }

    /// <summary>The present images, one repository at a time (the read streams: never every image at once).</summary>
    private static async IAsyncEnumerable<(long Repository, List<ImageRecord> Images, HashSet<string> Held)> ReadAsync(
        NpgsqlConnection connection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT repository_id, digest, tags, pushed_at, size_bytes, last_pulled_at, media_type, status, manifests, subject, reasons, last_archived_at, last_activated_at
            FROM images WHERE gone_at IS NULL ORDER BY repository_id
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellation);
        long current = -1;
        var images = new List<ImageRecord>();
        var held = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellation))
        {
            var repository = reader.GetInt64(0);
            if (repository != current && images.Count > 0)
            {
                yield return (current, images, held);
                (images, held) = ([], new HashSet<string>(StringComparer.Ordinal));
            }

            current = repository;
            var digest = reader.GetString(1);
            var tags = reader.GetFieldValue<string[]>(2);
            var pushedAt = reader.GetFieldValue<DateTimeOffset>(3);
            var size = reader.GetInt64(4);
            var pulledAt = reader.IsDBNull(5) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(5);
            var mediaType = reader.IsDBNull(6) ? null : reader.GetString(6);
            var status = reader.GetString(7);
            var manifests = reader.GetFieldValue<string[]>(8);
            var subject = reader.IsDBNull(9) ? null : reader.GetString(9);
            var reasons = reader.GetFieldValue<string[]>(10);
            var archivedAt = reader.IsDBNull(11) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(11);
            var activatedAt = reader.IsDBNull(12) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(12);
            images.Add(new ImageRecord
            {
                Digest = digest, Tags = tags, PushedAt = pushedAt, SizeBytes = size, LastPulledAt = pulledAt, MediaType = mediaType,
                Status = status switch { "ARCHIVED" => ImageStatus.Archived, "ACTIVATING" => ImageStatus.Activating, _ => ImageStatus.Active },
                Manifests = manifests, Subject = subject, LastArchivedAt = archivedAt, LastActivatedAt = activatedAt,
            });
            if (Array.IndexOf(reasons, InUse) >= 0 || Array.IndexOf(reasons, RollbackTarget) >= 0)
            {
                held.Add(digest);
            }
        }

        if (images.Count > 0)
        {
            yield return (current, images, held);
        }
    }

    private sealed class Tally
    {
        private int repositories;
        private int images;
        private int toDelete;
        private int toKeep;
        private long bytesToDelete;
        private long bytesToKeep;

        public void Add(RepositoryPlan before, RepositoryPlan after)
        {
            var changed = false;
            images += before.Images.Count;
            var decided = after.Images.ToDictionary(decision => decision.Image.Digest, StringComparer.Ordinal);
            foreach (var was in before.Images)
            {
                var now = decided[was.Image.Digest];
                if (was.IsCandidate == now.IsCandidate)
                {
                    continue;
                }

                changed = true;
                if (now.IsCandidate)
                {
                    (toDelete, bytesToDelete) = (toDelete + 1, bytesToDelete + was.Image.SizeBytes);
                }
                else
                {
                    (toKeep, bytesToKeep) = (toKeep + 1, bytesToKeep + was.Image.SizeBytes);
                }
            }

            repositories += changed ? 1 : 0;
        }

        public PolicyImpact Result(long? snapshotId, TimeSpan took) => new(snapshotId, images, repositories, toDelete, bytesToDelete, toKeep, bytesToKeep, took);
    }
}

/// <summary>
/// What a policy change would do to the last snapshot's images: how many repositories change, how many images become
/// candidates (and their sizes) and how many are kept instead.
/// </summary>
public sealed record PolicyImpact(
    long? SnapshotId, int ImagesDecided, int Repositories, int ToDelete, long BytesToDelete, int ToKeep, long BytesToKeep, TimeSpan Took);
