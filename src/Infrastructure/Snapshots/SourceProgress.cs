using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>Writes a source's repositories read so far to its row, at most once a second, for the progress bar.</summary>
internal sealed class SourceProgress(IDbContextFactory<CuratorDbContext> contexts, long sourceId, TimeProvider time) : IProgress<RegistryProgress>
{
    private readonly Lock gate = new();
    private DateTimeOffset written = DateTimeOffset.MinValue;

    public void Report(RegistryProgress value)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (value.Done != value.Total && value.Done != 0 && now - written < TimeSpan.FromSeconds(1))
            {
                return;
            }

            written = now;
            using var db = contexts.CreateDbContext();
            db.SnapshotSources.Where(source => source.Id == sourceId)
                .ExecuteUpdate(setters => setters.SetProperty(source => source.RepositoriesDone, value.Done).SetProperty(source => source.RepositoriesTotal, value.Total));
        }
    }
}
