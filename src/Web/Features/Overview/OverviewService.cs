using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Features.Overview;

/// <summary>
/// What the Overview page reads: totals and per-team figures aggregated in SQL from the repositories' latest figures
/// (never from images), realised savings, the last snapshot and the trend across snapshots.
/// </summary>
public sealed class OverviewService(
    IDbContextFactory<CuratorDbContext> contexts, CurrentUser user, IOptions<StorageOptions> storage, IOptions<RetentionOptions> retention)
{
    /// <summary>How many settled snapshots the trend shows at most (the newest ones).</summary>
    public const int TrendLength = 180;

    private static readonly string[] Executed = [ProposalStatus.Executed, ProposalStatus.PartiallyExecuted];

    private readonly StorageOptions _storage = storage.Value;

    public async Task<OverviewFigures> GetAsync(CancellationToken cancellation)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "see the overview");
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var teams = await db.Repositories.AsNoTracking()
            .Where(repository => repository.GoneAt == null)
            .GroupBy(repository => repository.Team)
            .Select(team => new
            {
                Team = team.Key,
                Repositories = team.Count(),
                Images = team.Sum(repository => (long)repository.ImageCount),
                ImageBytes = team.Sum(repository => repository.ImageBytes),
                Candidates = team.Sum(repository => (long)repository.CandidateCount),
                CandidateBytes = team.Sum(repository => repository.CandidateBytes),
                ReclaimableBytes = team.Sum(repository => repository.ReclaimableBytes),
                QuarantineBytes = team.Sum(repository => repository.QuarantineBytes),
                LifecycleInUse = team.Count(repository => repository.LifecycleInUseDangers > 0),
                LifecycleOtherDangers = team.Count(repository => repository.LifecycleDangers > 0 && repository.LifecycleInUseDangers == 0),
                LifecycleUnreviewed = team.Count(repository => repository.LifecycleUnreadable != null || repository.LifecycleNotUnderstood != null),
            })
            .OrderBy(team => team.Team)
            .ToListAsync(cancellation);
        var realised = await db.Proposals.AsNoTracking().Where(proposal => Executed.Contains(proposal.Status)).SumAsync(proposal => proposal.DeletedBytes, cancellation);
        var realisedArchived = await db.Proposals.AsNoTracking().Where(proposal => Executed.Contains(proposal.Status)).SumAsync(proposal => proposal.ArchivedBytes, cancellation);
        var archive = await db.Repositories.AsNoTracking().Where(repository => repository.GoneAt == null)
            .GroupBy(repository => new { repository.AccountId, repository.Region })
            .Select(registry => new { Archived = registry.Sum(repository => repository.ArchivedBytes), Quarantine = registry.Sum(repository => repository.QuarantineBytes) })
            .ToListAsync(cancellation);
        var latest = await db.Snapshots.AsNoTracking().OrderByDescending(snapshot => snapshot.Id).Take(1).Select(snapshot => new { snapshot.Id, snapshot.Status }).SingleOrDefaultAsync(cancellation);
        var figures = teams.Select(team => Figures(team.Team, team.Repositories, team.Images, team.ImageBytes, team.Candidates, team.CandidateBytes, team.ReclaimableBytes, team.QuarantineBytes)).ToList();
        return new OverviewFigures(
            Figures("", figures.Sum(team => team.Repositories), figures.Sum(team => team.Images), figures.Sum(team => team.ImageBytes), figures.Sum(team => team.Candidates),
                figures.Sum(team => team.CandidateBytes), figures.Sum(team => team.ReclaimableBytes), figures.Sum(team => team.QuarantineBytes)),
            figures,
            Savings(realised),
            _storage.Currency,
            await LastSettledAsync(db, cancellation),
            latest?.Status == SnapshotStatus.Running ? await SnapshotProgress.LatestAsync(contexts, cancellation) : null,
            await TrendAsync(db, cancellation))
        {
            Quarantine = await QuarantineOverview.ReadAsync(db, retention.Value, cancellation),
            // ECR's archive tier is counted per registry (account and region), as AWS bills it.
            ArchiveSavings = new Savings(archive.Sum(registry => registry.Quarantine), archive.Sum(registry => _storage.ArchiveMonthlySavings(registry.Archived, registry.Quarantine))),
            RealisedArchivedBytes = realisedArchived,
            Lifecycle = new LifecycleSummary(teams.Sum(team => team.LifecycleInUse), teams.Sum(team => team.LifecycleOtherDangers), teams.Sum(team => team.LifecycleUnreviewed)),
        };
    }

    /// <summary>How far the newest snapshot is; the page polls this while one runs.</summary>
    public async Task<SnapshotProgress?> ProgressAsync(CancellationToken cancellation)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "see the overview");
        return await SnapshotProgress.LatestAsync(contexts, cancellation);
    }

    /// <summary>A group's figures: the candidates' sizes save only where they are deleted (archived ones are not freed).</summary>
    private StorageFigures Figures(string team, int repositories, long images, long imageBytes, long candidates, long candidateBytes, long reclaimableBytes, long quarantineBytes) =>
        new(team, repositories, images, imageBytes, candidates, candidateBytes, reclaimableBytes, Savings(candidateBytes - quarantineBytes), Savings(reclaimableBytes))
        {
            QuarantineBytes = quarantineBytes,
        };

    private Savings Savings(long bytes) => new(bytes, _storage.MonthlyCost(bytes));

    private static async Task<SnapshotSummary?> LastSettledAsync(CuratorDbContext db, CancellationToken cancellation)
    {
        var snapshot = await db.Snapshots.AsNoTracking()
            .Where(row => row.Status != SnapshotStatus.Running)
            .OrderByDescending(row => row.Id)
            .Select(row => new { row.Id, row.StartedAt, row.FinishedAt, row.StartedBy, row.Status, row.IncompleteReasons, row.Problems, row.Notes })
            .FirstOrDefaultAsync(cancellation);
        return snapshot is null
            ? null
            : new SnapshotSummary(snapshot.Id, snapshot.StartedAt, snapshot.FinishedAt, snapshot.StartedBy, snapshot.Status, snapshot.IncompleteReasons, snapshot.Problems)
            {
                Notes = snapshot.Notes,
            };
    }

    /// <summary>
    /// The newest settled snapshots, oldest first. Stored bytes are the snapshot's own total, which its settle writes
    /// in the same transaction as the per-repository rows it sums (snapshot_repositories): reading it costs one row
    /// per snapshot instead of one per repository and snapshot. Realised bytes are the running sum of what executed
    /// proposals deleted, each when its execution finished, up to the snapshot's start.
    /// </summary>
    private static async Task<List<TrendPoint>> TrendAsync(CuratorDbContext db, CancellationToken cancellation)
    {
        var rows = await db.Database.SqlQuery<TrendRow>($"""
            WITH points AS (
                SELECT id, started_at, image_bytes, candidates FROM snapshots
                WHERE status IN ('Complete', 'Incomplete')
                ORDER BY started_at DESC, id DESC
                LIMIT {TrendLength}),
            executed AS (
                SELECT p.deleted_bytes AS bytes, p.executed_at AS at
                FROM proposals p
                WHERE p.status IN ('Executed', 'PartiallyExecuted') AND p.deleted_bytes > 0),
            events AS (
                SELECT at, bytes, NULL::bigint AS snapshot_id FROM executed
                UNION ALL
                SELECT started_at, 0, id FROM points),
            running AS (
                SELECT snapshot_id, sum(bytes) OVER (ORDER BY at, snapshot_id NULLS FIRST) AS realised FROM events)
            SELECT points.id AS "SnapshotId", points.started_at AS "At", points.image_bytes AS "StoredBytes", running.realised::bigint AS "RealisedBytes", points.candidates::bigint AS "Candidates"
            FROM points JOIN running ON running.snapshot_id = points.id
            ORDER BY points.started_at, points.id
            """).ToListAsync(cancellation);
        return [.. rows.Select(row => new TrendPoint(row.SnapshotId, row.At, row.StoredBytes, row.RealisedBytes, row.Candidates))];
    }

    private sealed class TrendRow
    {
        public long SnapshotId { get; set; }

        public DateTimeOffset At { get; set; }

        public long StoredBytes { get; set; }

        public long RealisedBytes { get; set; }

        public long Candidates { get; set; }
    }
}
