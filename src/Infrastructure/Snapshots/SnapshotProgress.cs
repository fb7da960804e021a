using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>How far the newest snapshot is: account-regions and repositories read (the dashboard's progress bar).</summary>
public sealed record SnapshotProgress(long SnapshotId, string Status, int SourcesDone, int SourcesTotal, int RepositoriesDone, int RepositoriesTotal)
{
    public static async Task<SnapshotProgress?> LatestAsync(IDbContextFactory<CuratorDbContext> contexts, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var snapshot = await db.Snapshots.AsNoTracking().Include(row => row.Sources).OrderByDescending(row => row.Id).FirstOrDefaultAsync(cancellation);
        return snapshot is null
            ? null
            : new SnapshotProgress(
                snapshot.Id,
                snapshot.Status,
                snapshot.Sources.Count(source => source.Status is SourceStatus.Done or SourceStatus.Failed),
                snapshot.Sources.Count,
                snapshot.Sources.Sum(source => source.RepositoriesDone),
                snapshot.Sources.Sum(source => source.RepositoriesTotal));
    }
}
