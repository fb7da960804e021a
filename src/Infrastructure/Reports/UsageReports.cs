using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Reports;

/// <summary>Keeps each source's latest usage report: a new one replaces the earlier one, whatever it listed.</summary>
public static class UsageReports
{
    /// <summary>Stores <paramref name="report"/> in place of its source's earlier report, audited as <paramref name="actor"/>.</summary>
    public static async Task ReplaceAsync(CuratorDbContext db, UsageReport report, string actor, CancellationToken cancellation)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);

        // One statement, so that two reports of a source arriving together leave one row: the later one.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO usage_reports (source, images, received_at, expires_at, reported_by)
            VALUES ({report.Source}, {report.Images.ToArray()}, {report.ReceivedAt}, {report.ExpiresAt}, {actor})
            ON CONFLICT (source) DO UPDATE SET images = EXCLUDED.images, received_at = EXCLUDED.received_at,
                expires_at = EXCLUDED.expires_at, reported_by = EXCLUDED.reported_by
            """,
            cancellation);
        AuditLog.Record(db, actor, "usage.reported", ReportSite.Prefix + report.Source, new { images = report.Images.Count, report.ExpiresAt }, at: report.ReceivedAt);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
    }
}
