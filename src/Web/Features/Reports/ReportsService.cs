using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Reports;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Tokens;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EcrCurator.Web.Features.Reports;

/// <summary>
/// Usage reports (SPEC 3.2): a token with <c>usage:report</c> sends what a source runs, replacing that source's earlier
/// report; Admins say which sources are expected to report and how often (a silent one stops every deletion).
/// </summary>
public sealed class ReportsService(IDbContextFactory<CuratorDbContext> contexts, CurrentUser user, TimeProvider time)
{
    public const int MostImages = 100_000;
    public const int MostMaxAgeHours = 24 * 365;

    public async Task<ReportReceipt> ReceiveAsync(string? source, IReadOnlyList<string?>? images, int? expiresInHours, CancellationToken cancellation = default)
    {
        var actor = await user.RequireScopeAsync(TokenScopes.UsageReport, "report usage");
        var problem = UsageReport.SourceProblem(source)
                      ?? (images is null ? "images is missing: list the image references in use (an empty list reports that nothing runs)." : null)
                      ?? (images!.Count > MostImages ? $"images lists more than {MostImages} references: send fewer, or split the source." : null)
                      ?? (images.Any(image => string.IsNullOrWhiteSpace(image) || image.Length > UsageReport.ReferenceLength || image.Any(char.IsWhiteSpace))
                          ? $"images holds an empty reference, one with spaces, or one longer than {UsageReport.ReferenceLength} characters." : null)
                      ?? (expiresInHours is not (>= 1 and <= UsageReport.MostHours) ? $"expiresInHours must be 1 to {UsageReport.MostHours}." : null);
        if (problem is not null)
        {
            throw new DashboardException(problem);
        }

        var now = time.GetUtcNow();
        var references = images!.Select(image => image!).Distinct(StringComparer.Ordinal).ToList();
        var report = new UsageReport(source!, references, now, now.AddHours(expiresInHours!.Value));
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        await UsageReports.ReplaceAsync(db, report, actor, cancellation);
        return new ReportReceipt(report.Source, references.Count, references.Count(image => ImageReference.TryParseEcr(image, out _)), report.ReceivedAt, report.ExpiresAt);
    }

    /// <summary>Every source that reported or is expected to, with its latest report and whether it is silent now.</summary>
    public async Task<IReadOnlyList<ReporterLine>> ReportersAsync(CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "see usage reporters");
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var now = time.GetUtcNow();
        var reports = await db.UsageReports.AsNoTracking()
            .Select(row => new { row.Source, Images = row.Images.Length, row.ReceivedAt, row.ExpiresAt, row.ReportedBy }).ToDictionaryAsync(row => row.Source, cancellation);
        var expected = await db.ExpectedReporters.AsNoTracking().ToDictionaryAsync(row => row.Source, cancellation);
        return
        [
            .. reports.Keys.Union(expected.Keys).Order(StringComparer.Ordinal).Select(source =>
            {
                var report = reports.GetValueOrDefault(source);
                var expectation = expected.GetValueOrDefault(source);
                return new ReporterLine(
                    source, expectation?.MaxAge, report?.ReceivedAt, report?.ExpiresAt, report?.Images ?? 0, report?.ReportedBy,
                    expectation is null ? null : new ExpectedReporter(source, expectation.MaxAge).SilenceAt(report?.ReceivedAt, now));
            }),
        ];
    }

    public async Task ExpectAsync(string source, int maxAgeHours, CancellationToken cancellation = default)
    {
        var actor = await user.RequireAsync(CuratorRoles.Admin, "expect usage reporters");
        source = source?.Trim() ?? "";
        if (UsageReport.SourceProblem(source) is { } problem)
        {
            throw new DashboardException(problem);
        }

        if (maxAgeHours is < 1 or > MostMaxAgeHours)
        {
            throw new DashboardException($"A reporter's maximum age is 1 to {MostMaxAgeHours} hours.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var now = time.GetUtcNow();
        db.ExpectedReporters.Add(new ExpectedReporterRow { Source = source, MaxAge = TimeSpan.FromHours(maxAgeHours), CreatedBy = actor, CreatedAt = now });
        AuditLog.Record(db, actor, "reporter.expected", ReportSite.Prefix + source, new { maxAgeHours }, at: now);
        try
        {
            await db.SaveChangesAsync(cancellation);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException($"{source} is expected already; remove it first to change its maximum age.");
        }
    }

    public async Task ForgetAsync(string source, CancellationToken cancellation = default)
    {
        var actor = await user.RequireAsync(CuratorRoles.Admin, "stop expecting usage reporters");
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var row = await db.ExpectedReporters.SingleOrDefaultAsync(reporter => reporter.Source == source, cancellation)
                  ?? throw new NotFoundException($"{source} is not an expected reporter.");
        db.ExpectedReporters.Remove(row);
        AuditLog.Record(db, actor, "reporter.removed", ReportSite.Prefix + source, new { maxAgeHours = row.MaxAge.TotalHours }, at: time.GetUtcNow());
        await db.SaveChangesAsync(cancellation);
    }
}

/// <summary>What a report's sender is told: how many references it kept, how many name an ECR registry, until when.</summary>
public sealed record ReportReceipt(string Source, int Images, int EcrImages, DateTimeOffset ReceivedAt, DateTimeOffset ExpiresAt);

/// <summary>A source as Settings shows it: expected (with its maximum age) or not, its latest report, and why it is silent.</summary>
public sealed record ReporterLine(
    string Source, TimeSpan? MaxAge, DateTimeOffset? ReceivedAt, DateTimeOffset? ExpiresAt, int Images, string? ReportedBy, string? Silence);
