using EcrCurator.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Components.Shared;

/// <summary>The zone the dashboard shows times in: the settings' zone (Asia/Tokyo unless an Admin changed it).</summary>
public sealed class DisplayZone(IDbContextFactory<CuratorDbContext> contexts)
{
    public async Task<Display> GetAsync(CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var zone = await db.Settings.AsNoTracking().Select(settings => settings.TimeZone).SingleOrDefaultAsync(cancellation);
        return zone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? Display.Default : new Display(found);
    }
}
