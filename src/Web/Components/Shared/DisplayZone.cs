using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Policies;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Components.Shared;

/// <summary>How the dashboard displays: times in the settings' zone (Asia/Tokyo unless an Admin changed it), money in the configured currency.</summary>
public sealed class DisplayZone(IDbContextFactory<CuratorDbContext> contexts, IOptions<StorageOptions> storage)
{
    public async Task<Display> GetAsync(CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var zone = await db.Settings.AsNoTracking().Select(settings => settings.TimeZone).SingleOrDefaultAsync(cancellation);
        return (zone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? Display.Default : new Display(found)) with
        {
            Currency = storage.Value.Currency,
        };
    }
}
