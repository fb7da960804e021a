using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Settings;

/// <summary>Reads (and, for a test's own setup, writes) the app's database directly.</summary>
internal static class DashboardAppQueries
{
    public static async Task<T> QueryAsync<T>(this DashboardApp app, Func<CuratorDbContext, Task<T>> query)
    {
        await using var db = await app.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await query(db);
    }
}
