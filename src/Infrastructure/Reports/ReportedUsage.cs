using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Reports;

/// <summary>
/// The usage reported through the API, as the engine takes it beside what ECS runs: every image of an unexpired
/// report is in use, and every expected reporter whose latest report is too old makes the decision incomplete
/// (nothing deleted), naming it. Read from the database by a snapshot's settle and by every batch's re-check.
/// </summary>
public sealed record ReportedUsage(IReadOnlyList<ImageUse> Uses, IReadOnlyList<string> Silent)
{
    public static async Task<ReportedUsage> ReadAsync(CuratorDbContext db, DateTimeOffset now, CancellationToken cancellation)
    {
        var reports = await db.UsageReports.AsNoTracking()
            .Select(row => new { row.Source, row.Images, row.ReceivedAt, row.ExpiresAt })
            .ToListAsync(cancellation);
        var expected = await db.ExpectedReporters.AsNoTracking().OrderBy(row => row.Source).ToListAsync(cancellation);
        var latest = reports.ToDictionary(report => report.Source, report => report.ReceivedAt, StringComparer.Ordinal);
        return new ReportedUsage(
            [.. reports.SelectMany(report => new UsageReport(report.Source, report.Images, report.ReceivedAt, report.ExpiresAt).UsesAt(now))],
            [
                .. expected.Select(row => new ExpectedReporter(row.Source, row.MaxAge)
                    .SilenceAt(latest.TryGetValue(row.Source, out var at) ? at : null, now)).OfType<string>(),
            ]);
    }

    /// <summary>The inventory with the reported uses added and the silent reporters among its incomplete reasons.</summary>
    public Domain.Inventory AddTo(Domain.Inventory inventory) => Silent.Count == 0 && Uses.Count == 0
        ? inventory
        : new Domain.Inventory(inventory.Repositories, [.. inventory.Uses, .. Uses], inventory.TaskDefinitions)
        {
            IncompleteReasons = [.. inventory.IncompleteReasons, .. Silent],
        };
}
