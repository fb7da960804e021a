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
    /// <summary>The manifests stored so far of one registry's present images, so that a snapshot reads only new ones.</summary>
    public async Task<KnownManifests> KnownManifestsAsync(string accountId, string region, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var rows = await db.Images.AsNoTracking()
            .Where(image => image.GoneAt == null && (image.LayerDigests != null || image.Manifests.Length > 0))
            .Join(db.Repositories.Where(repository => repository.AccountId == accountId && repository.Region == region), image => image.RepositoryId, repository => repository.Id, (image, repository) => new
            {
                repository.AccountId, repository.Region, repository.Name, image.Digest, image.LayerDigests, image.LayerSizes, image.Manifests, image.Subject,
            })
            .ToListAsync(cancellation);
        return new KnownManifests(rows
            .GroupBy(row => new RepositoryKey(row.AccountId, row.Region, row.Name))
            .ToDictionary(group => group.Key, group => group.ToDictionary(
                row => row.Digest,
                row => new ImageManifest([.. (row.LayerDigests ?? []).Zip(row.LayerSizes ?? [], (digest, size) => new Layer(digest, size))], row.Manifests, row.Subject))));
    }

    /// <returns>False when the snapshot was no longer running (another settle saved it first): nothing is written.</returns>
    public async Task<bool> SaveAsync(long snapshotId, RetentionPlan plan, InventoryRead read, DateTimeOffset now, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            var running = await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM snapshots WHERE id = {snapshotId} FOR UPDATE").SingleAsync(cancellation);
            if (running != "Running")
            {
                return false;
            }

            var repositories = await SaveRepositoriesAsync(db, plan, cancellation);
            await MarkGoneAsync(db, snapshotId, plan, read, now, cancellation);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await ImageRows.SaveAsync(connection, Staged(plan, repositories), [.. repositories.Values.Select(row => row.Id)], snapshotId, now, cancellation);
            await BulkCopy.WriteAsync(
                connection,
                "snapshot_repositories (snapshot_id, repository_id, images, candidates, image_bytes, candidate_bytes, reclaimable_bytes)",
                plan.Repositories,
                async (copy, repository, token) =>
                {
                    await copy.WriteAsync(snapshotId, NpgsqlTypes.NpgsqlDbType.Bigint, token);
                    await copy.WriteAsync(repositories[repository.Repository.Key].Id, NpgsqlTypes.NpgsqlDbType.Bigint, token);
                    await copy.WriteAsync(repository.Images.Count, NpgsqlTypes.NpgsqlDbType.Integer, token);
                    await copy.WriteAsync(repository.Candidates.Count(), NpgsqlTypes.NpgsqlDbType.Integer, token);
                    await copy.WriteAsync(repository.Bytes.ImageBytes, NpgsqlTypes.NpgsqlDbType.Bigint, token);
                    await copy.WriteAsync(repository.Bytes.CandidateBytes, NpgsqlTypes.NpgsqlDbType.Bigint, token);
                    await copy.WriteAsync(repository.Bytes.ReclaimableBytes, NpgsqlTypes.NpgsqlDbType.Bigint, token);
                },
                cancellation);
            var created = plan.IsComplete ? await Proposals.SettleAsync(db, snapshotId, plan, repositories, now, cancellation) : [];

            await FinishSnapshotAsync(db, snapshotId, plan, read, now, cancellation);
            await db.SaveChangesAsync(cancellation);
            await Proposals.WriteCandidatesAsync(connection, created, cancellation);
            await transaction.CommitAsync(cancellation);
        }

        return true;
    }

    private static async Task<Dictionary<RepositoryKey, RepositoryRow>> SaveRepositoriesAsync(CuratorDbContext db, RetentionPlan plan, CancellationToken cancellation)
    {
        var existing = (await db.Repositories.ToListAsync(cancellation)).ToDictionary(row => new RepositoryKey(row.AccountId, row.Region, row.Name));
        foreach (var repository in plan.Repositories)
        {
            if (!existing.TryGetValue(repository.Repository.Key, out var row))
            {
                var key = repository.Repository.Key;
                existing[key] = row = new RepositoryRow { AccountId = key.AccountId, Region = key.Region, Name = key.Name, Team = repository.Repository.Team };
                db.Repositories.Add(row);
            }

            row.Team = repository.Repository.Team;
            var tags = repository.Repository.Tags.OrderBy(tag => tag.Key, StringComparer.Ordinal).Select(tag => $"{tag.Key}={tag.Value}").ToArray();
            if (!row.Tags.SequenceEqual(tags))
            {
                row.Tags = tags;
            }

            row.Mode = repository.Policy.Mode.ToString();
            row.ImageCount = repository.Images.Count;
            row.CandidateCount = repository.Candidates.Count();
            row.InUseCount = repository.Images.Count(image => image.Reasons.HasFlag(Reasons.InUse));
            row.PinnedCount = repository.Images.Count(image => image.Reasons.HasFlag(Reasons.Pinned));
            row.ImageBytes = repository.Bytes.ImageBytes;
            row.CandidateBytes = repository.Bytes.CandidateBytes;
            row.ReclaimableBytes = repository.Bytes.ReclaimableBytes;
            row.LastPushedAt = repository.Images.Count == 0 ? null : repository.Images[0].Image.PushedAt;
            row.GoneAt = null;
        }

        await db.SaveChangesAsync(cancellation);
        return plan.Repositories.ToDictionary(repository => repository.Repository.Key, repository => existing[repository.Repository.Key]);
    }

    /// <summary>
    /// A repository of a registry listed in full that is neither in the plan nor left out was deleted: it, its images
    /// and its pending proposal are marked so.
    /// </summary>
    private static async Task MarkGoneAsync(CuratorDbContext db, long snapshotId, RetentionPlan plan, InventoryRead read, DateTimeOffset now, CancellationToken cancellation)
    {
        var present = plan.Repositories.Select(repository => repository.Repository.Key).Concat(read.LeftOut).ToHashSet();
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
            proposal.StatusReason = "The repository no longer exists.";
            AuditLog.Record(db, AuditLog.System, "proposal.superseded", $"{row.AccountId}/{row.Region}/{row.Name}", new { proposal = proposal.Id, snapshot = snapshotId, reason = proposal.StatusReason }, row.Team, now);
        }

        AuditLog.Record(db, AuditLog.System, "repositories.gone", $"snapshot/{snapshotId}", new { repositories = gone.Select(row => $"{row.AccountId}/{row.Region}/{row.Name}") }, at: now);
    }

    private static IEnumerable<StagedImage> Staged(RetentionPlan plan, Dictionary<RepositoryKey, RepositoryRow> repositories) =>
        from repository in plan.Repositories
        let id = repositories[repository.Repository.Key].Id
        from decision in repository.Images
        let image = decision.Image
        select new StagedImage(
            id, image.Digest, [.. image.Tags], image.PushedAt, image.SizeBytes, image.LastPulledAt, image.MediaType, image.ArtifactMediaType,
            image.Status == ImageStatus.Archived ? "ARCHIVED" : "ACTIVE", [.. image.Manifests], image.Subject,
            image.Layers?.Select(layer => layer.Digest).ToArray(), image.Layers?.Select(layer => layer.Size).ToArray(),
            decision.Decision == Decision.Delete ? "delete" : "keep", [.. decision.ReasonCodes], [.. decision.UsedBy.Select(site => site.ToString()).Order(StringComparer.Ordinal)]);

    private static async Task FinishSnapshotAsync(CuratorDbContext db, long snapshotId, RetentionPlan plan, InventoryRead read, DateTimeOffset now, CancellationToken cancellation)
    {
        var snapshot = await db.Snapshots.SingleAsync(row => row.Id == snapshotId, cancellation);
        snapshot.FinishedAt = now;
        snapshot.Status = plan.IsComplete ? "Complete" : "Incomplete";
        snapshot.IncompleteReasons = [.. plan.IncompleteReasons];
        snapshot.Problems = [.. read.Problems];
        snapshot.Repositories = plan.Repositories.Count;
        snapshot.Images = plan.Repositories.Sum(repository => repository.Images.Count);
        snapshot.Candidates = plan.Repositories.Sum(repository => repository.Candidates.Count());
        snapshot.ImageBytes = plan.Repositories.Sum(repository => repository.Bytes.ImageBytes);
        snapshot.CandidateBytes = plan.Repositories.Sum(repository => repository.Bytes.CandidateBytes);
        snapshot.ReclaimableBytes = plan.Repositories.Sum(repository => repository.Bytes.ReclaimableBytes);
        AuditLog.Record(db, snapshot.StartedBy, plan.IsComplete ? "snapshot.completed" : "snapshot.incomplete", $"snapshot/{snapshotId}", new
        {
            snapshot.Repositories, snapshot.Images, snapshot.Candidates, snapshot.ImageBytes, snapshot.CandidateBytes, snapshot.ReclaimableBytes,
            snapshot.IncompleteReasons, snapshot.Problems,
        }, at: now);
    }
}
