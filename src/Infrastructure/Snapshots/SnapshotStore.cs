using System.Diagnostics;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws.Ecr;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>Saves what a snapshot saw and decided: repositories, images, per-repository figures and proposals.</summary>
public sealed class SnapshotStore(IDbContextFactory<CuratorDbContext> contexts)
{
    /// <summary>The manifests stored so far of the present images, asked for per repository, so that a snapshot reads only new ones.</summary>
    public KnownManifests StoredManifests => new(StoredManifestsAsync);

    private async Task<IReadOnlyDictionary<string, ImageManifest>> StoredManifestsAsync(RepositoryKey repository, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var rows = await db.Images.AsNoTracking()
            .Where(image => image.GoneAt == null && (image.LayerDigests != null || image.Manifests.Length > 0))
            .Join(
                db.Repositories.Where(row => row.AccountId == repository.AccountId && row.Region == repository.Region && row.Name == repository.Name),
                image => image.RepositoryId, row => row.Id, (image, _) => new { image.Digest, image.LayerDigests, image.LayerSizes, image.Manifests, image.Subject })
            .ToListAsync(cancellation);
        return rows.ToDictionary(
            row => row.Digest,
            row => new ImageManifest([.. (row.LayerDigests ?? []).Zip(row.LayerSizes ?? [], (digest, size) => new Layer(digest, size))], row.Manifests, row.Subject));
    }

    /// <summary>
    /// Decides every repository the snapshot staged, one at a time as it streams from the staging table, and saves
    /// what it saw and decided in one transaction: no more than one repository's images are held at once.
    /// </summary>
    /// <returns>
    /// The time the engine took deciding; null when the snapshot was no longer running (another settle saved it
    /// first): nothing is written.
    /// </returns>
    public async Task<TimeSpan?> SaveAsync(
        long snapshotId, RetentionRun run, IReadOnlyList<RepositoryHeading> headings, InventoryRead read, DateTimeOffset now, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var running = await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM snapshots WHERE id = {snapshotId} FOR UPDATE").SingleAsync(cancellation);
        if (running != SnapshotStatus.Running)
        {
            return null;
        }

        var engine = new Stopwatch();
        var repositories = await SaveRepositoriesAsync(db, headings, cancellation);
        await MarkGoneAsync(db, snapshotId, headings, read, now, cancellation);
        var proposals = await Proposals.OpenAsync(db, snapshotId, now, cancellation);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var figures = new List<SnapshotRepositoryRow>(headings.Count);
        await using (var images = await ImageRows.BeginAsync(connection, cancellation))
        {
            await foreach (var record in RepositoryStaging.ReadAsync(contexts, snapshotId, cancellation))
            {
                engine.Start();
                var repository = run.Evaluate(record);
                engine.Stop();
                var row = repositories[record.Key];
                Describe(row, repository);
                await images.WriteAsync(row.Id, repository, cancellation);
                figures.Add(new SnapshotRepositoryRow
                {
                    SnapshotId = snapshotId, RepositoryId = row.Id, Images = repository.Images.Count, Candidates = row.CandidateCount,
                    ImageBytes = repository.Bytes.ImageBytes, CandidateBytes = repository.Bytes.CandidateBytes, ReclaimableBytes = repository.Bytes.ReclaimableBytes,
                });
                if (read.Inventory.IsComplete)
                {
                    proposals.Settle(row, repository);
                }
            }

            await images.SaveAsync([.. repositories.Values.Select(row => row.Id)], snapshotId, now, cancellation);
        }

        await BulkCopy.WriteAsync(
            connection,
            "snapshot_repositories (snapshot_id, repository_id, images, candidates, image_bytes, candidate_bytes, reclaimable_bytes)",
            figures,
            async (copy, repository, token) =>
            {
                await copy.WriteAsync(repository.SnapshotId, NpgsqlTypes.NpgsqlDbType.Bigint, token);
                await copy.WriteAsync(repository.RepositoryId, NpgsqlTypes.NpgsqlDbType.Bigint, token);
                await copy.WriteAsync(repository.Images, NpgsqlTypes.NpgsqlDbType.Integer, token);
                await copy.WriteAsync(repository.Candidates, NpgsqlTypes.NpgsqlDbType.Integer, token);
                await copy.WriteAsync(repository.ImageBytes, NpgsqlTypes.NpgsqlDbType.Bigint, token);
                await copy.WriteAsync(repository.CandidateBytes, NpgsqlTypes.NpgsqlDbType.Bigint, token);
                await copy.WriteAsync(repository.ReclaimableBytes, NpgsqlTypes.NpgsqlDbType.Bigint, token);
            },
            cancellation);
        await FinishSnapshotAsync(db, snapshotId, figures, repositories.Values.Sum(row => row.LifecycleDangers), read, now, cancellation);
        await db.SaveChangesAsync(cancellation);
        await proposals.WriteCandidatesAsync(connection, cancellation);
        await transaction.CommitAsync(cancellation);
        return engine.Elapsed;
    }

    /// <summary>The repositories the snapshot read, as rows with ids (new ones added), before their images are decided.</summary>
    private static async Task<Dictionary<RepositoryKey, RepositoryRow>> SaveRepositoriesAsync(
        CuratorDbContext db, IReadOnlyList<RepositoryHeading> headings, CancellationToken cancellation)
    {
        var existing = (await db.Repositories.ToListAsync(cancellation)).ToDictionary(row => new RepositoryKey(row.AccountId, row.Region, row.Name));
        foreach (var (key, team) in headings)
        {
            if (!existing.TryGetValue(key, out var row))
            {
                existing[key] = row = new RepositoryRow { AccountId = key.AccountId, Region = key.Region, Name = key.Name, Team = team };
                db.Repositories.Add(row);
            }

            row.Team = team;
            row.GoneAt = null;
        }

        await db.SaveChangesAsync(cancellation);
        return headings.ToDictionary(heading => heading.Key, heading => existing[heading.Key]);
    }

    /// <summary>A repository's row: its tags, mode and figures as this snapshot decided them.</summary>
    private static void Describe(RepositoryRow row, RepositoryPlan repository)
    {
        var tags = repository.Repository.Tags.OrderBy(tag => tag.Key, StringComparer.Ordinal).Select(tag => $"{tag.Key}={tag.Value}").ToArray();
        if (!row.Tags.SequenceEqual(tags))
        {
            row.Tags = tags;
        }

        row.Mode = repository.Policy.Mode.ToString();
        row.NoticeHours = repository.Policy.NoticeHours;
        row.ImageCount = repository.Images.Count;
        row.CandidateCount = repository.Candidates.Count();
        row.InUseCount = repository.Images.Count(image => image.Reasons.HasFlag(Reasons.InUse));
        row.PinnedCount = repository.Images.Count(image => image.Reasons.HasFlag(Reasons.Pinned));
        row.ImageBytes = repository.Bytes.ImageBytes;
        row.CandidateBytes = repository.Bytes.CandidateBytes;
        row.ReclaimableBytes = repository.Bytes.ReclaimableBytes;
        row.ArchivedBytes = repository.Images.Where(image => image.Image.Status != ImageStatus.Active).Sum(image => image.Image.SizeBytes);
        row.QuarantineBytes = repository.Bytes.QuarantineBytes;
        row.LastPushedAt = repository.Images.Count == 0 ? null : repository.Images[0].Image.PushedAt;
        DescribeLifecycle(row, repository.Lifecycle);
    }

    /// <summary>A repository's lifecycle policy as this snapshot read it, and its findings (SPEC 12).</summary>
    private static void DescribeLifecycle(RepositoryRow row, LifecycleReview lifecycle)
    {
        row.LifecyclePolicy = lifecycle.PolicyText;
        row.LifecycleUnreadable = lifecycle.Unreadable;
        row.LifecycleNotUnderstood = lifecycle.NotUnderstood;
        var findings = LifecycleFindingsJson.SerializeDangers(lifecycle);
        if (findings != row.LifecycleFindings)
        {
            row.LifecycleFindings = findings;
        }

        row.LifecycleDangers = lifecycle.Dangers;
        row.LifecycleInformation = lifecycle.Findings.Count - lifecycle.Dangers;
        row.LifecycleInUseDangers = lifecycle.Findings.Count(finding => finding.Danger.HasFlag(Reasons.InUse));
    }

    /// <summary>
    /// A repository of a registry listed in full that is neither in the plan nor left out was deleted: it, its images
    /// and its pending proposal are marked so.
    /// </summary>
    private static async Task MarkGoneAsync(
        CuratorDbContext db, long snapshotId, IReadOnlyList<RepositoryHeading> headings, InventoryRead read, DateTimeOffset now, CancellationToken cancellation)
    {
        var present = headings.Select(heading => heading.Key).Concat(read.LeftOut).ToHashSet();
        var listed = read.RegistriesListed.ToHashSet();
        var gone = (await db.Repositories.Where(row => row.GoneAt == null).ToListAsync(cancellation))
            .Where(row => listed.Contains($"{row.AccountId}/{row.Region}") && !present.Contains(new RepositoryKey(row.AccountId, row.Region, row.Name)))
            .ToList();
        if (gone.Count == 0)
        {
            return;
        }

        var ids = gone.Select(row => row.Id).ToArray();
        gone.ForEach(row => row.GoneAt = now);
        await db.Images.Where(image => ids.Contains(image.RepositoryId) && image.GoneAt == null).ExecuteUpdateAsync(setters => setters.SetProperty(image => image.GoneAt, now), cancellation);
        foreach (var proposal in await db.Proposals.Where(proposal => ids.Contains(proposal.RepositoryId) && proposal.Status == ProposalStatus.Pending).ToListAsync(cancellation))
        {
            var row = gone.Single(repository => repository.Id == proposal.RepositoryId);
            proposal.Status = ProposalStatus.Superseded;
            proposal.StatusReason = Execution.StatusNotes.RepositoryGone.English;
            AuditLog.Record(db, AuditLog.System, "proposal.superseded", $"{row.AccountId}/{row.Region}/{row.Name}", new { proposal = proposal.Id, snapshot = snapshotId, reason = proposal.StatusReason }, row.Team, now);
        }

        AuditLog.Record(db, AuditLog.System, "repositories.gone", $"snapshot/{snapshotId}", new { repositories = gone.Select(row => $"{row.AccountId}/{row.Region}/{row.Name}") }, at: now);
    }

    private static async Task FinishSnapshotAsync(
        CuratorDbContext db, long snapshotId, List<SnapshotRepositoryRow> repositories, int lifecycleDangers, InventoryRead read, DateTimeOffset now, CancellationToken cancellation)
    {
        var complete = read.Inventory.IsComplete;
        var snapshot = await db.Snapshots.SingleAsync(row => row.Id == snapshotId, cancellation);
        snapshot.FinishedAt = now;
        snapshot.Status = complete ? SnapshotStatus.Complete : SnapshotStatus.Incomplete;
        snapshot.IncompleteReasons = [.. read.Inventory.IncompleteReasons];
        snapshot.Problems = [.. read.Problems];
        snapshot.Notes = [.. read.Notes];
        snapshot.Repositories = repositories.Count;
        snapshot.Images = repositories.Sum(repository => repository.Images);
        snapshot.Candidates = repositories.Sum(repository => repository.Candidates);
        snapshot.ImageBytes = repositories.Sum(repository => repository.ImageBytes);
        snapshot.CandidateBytes = repositories.Sum(repository => repository.CandidateBytes);
        snapshot.ReclaimableBytes = repositories.Sum(repository => repository.ReclaimableBytes);
        snapshot.LifecycleDangers = lifecycleDangers;
        AuditLog.Record(db, snapshot.StartedBy, complete ? "snapshot.completed" : "snapshot.incomplete", $"snapshot/{snapshotId}", new
        {
            snapshot.Repositories, snapshot.Images, snapshot.Candidates, snapshot.ImageBytes, snapshot.CandidateBytes, snapshot.ReclaimableBytes,
            snapshot.IncompleteReasons, snapshot.Problems, snapshot.Notes,
        }, at: now);
    }
}
