using System.Runtime.CompilerServices;
using System.Text.Json;
using EcrCurator.Infrastructure.Audit;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.History;

/// <summary>The audit log, filtered on the server through its indexes, newest first.</summary>
public sealed partial class HistoryService
{
    public async Task<Paged<AuditEntry>> AuditAsync(AuditFilter filter, int page, int size, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the audit log");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var entries = await FilteredAsync(db, filter, cancellation);
        if (!AuditGroups.Apply(filter))
        {
            return await CountedAsync(entries, await Newest(entries).Skip(page * size).Take(size).Select(Entry).ToListAsync(cancellation), cancellation);
        }

        entries = AuditGroups.WithoutExecutionImages(entries);
        var rows = await Newest(entries).Skip(page * size).Take(size).ToListAsync(cancellation);
        var listed = new List<AuditEntry>(rows.Count);
        foreach (var row in rows)
        {
            var images = await AuditGroups.ImagesAsync(db, row, cancellation);
            listed.Add(ToEntry(row) with { Images = images is null ? 0 : await images.CountAsync(cancellation) });
        }

        return await CountedAsync(entries, listed, cancellation);
    }

    /// <summary>The per-image entries of the execution an <c>execution.started</c> entry began (<see cref="AuditGroups"/>), in the order they were written.</summary>
    public async Task<Paged<AuditEntry>> ExecutionImagesAsync(long startedEntryId, int page, int size, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the audit log");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var head = await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(entry => entry.Id == startedEntryId, cancellation);
        if (head is null || await AuditGroups.ImagesAsync(db, head, cancellation) is not { } images)
        {
            return new Paged<AuditEntry>([], 0, false);
        }

        var rows = await images.OrderBy(entry => entry.At).ThenBy(entry => entry.Id).Skip(page * size).Take(size).Select(Entry).ToListAsync(cancellation);
        return await CountedAsync(images, rows, cancellation);
    }

    /// <summary>
    /// Every matching entry, newest first, read as the caller goes (no buffering: there may be hundreds of thousands).
    /// The person is checked before anything is read.
    /// </summary>
    public async Task<IAsyncEnumerable<AuditEntry>> ExportAsync(AuditFilter filter, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "export the audit log");
        var display = await _zone.GetAsync(cancellation);
        return StreamAsync(filter, display.Zone, cancellation);
    }

    private async IAsyncEnumerable<AuditEntry> StreamAsync(AuditFilter filter, TimeZoneInfo zone, [EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        await foreach (var entry in Newest(Filtered(db, filter, zone)).Select(Entry).AsAsyncEnumerable().WithCancellation(cancellation))
        {
            yield return entry;
        }
    }

    /// <summary>The last nightly verification of the audit chain (its <c>audit.verified</c> or failed entry), or null before the first.</summary>
    public async Task<ChainVerification?> LastVerificationAsync(CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the audit log");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var last = await db.AuditEntries.AsNoTracking()
            .Where(entry => entry.Action == AuditVerification.Verified || entry.Action == AuditVerification.Failed)
            .OrderByDescending(entry => entry.At).ThenByDescending(entry => entry.Id)
            .Select(entry => new { entry.At, entry.Action, entry.Details })
            .FirstOrDefaultAsync(cancellation);
        if (last is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(last.Details);
        var details = document.RootElement;
        return new ChainVerification(
            last.At, last.Action == AuditVerification.Verified, details.GetProperty("entries").GetInt64(), details.GetProperty("head").GetString()!,
            details.TryGetProperty("problem", out var problem) && problem.ValueKind == JsonValueKind.String ? problem.GetString() : null);
    }

    private async Task<IQueryable<AuditEntryRow>> FilteredAsync(CuratorDbContext db, AuditFilter filter, CancellationToken cancellation) =>
        Filtered(db, filter, filter.From is null && filter.To is null ? TimeZoneInfo.Utc : (await _zone.GetAsync(cancellation)).Zone);

    /// <summary>
    /// Each filter is one indexed column: actor and action (with the time), team (with the time), and the repository as the
    /// target itself or a prefix of it (<c>account/region/name@digest</c>), which a <c>text_pattern_ops</c> index answers.
    /// </summary>
    private static IQueryable<AuditEntryRow> Filtered(CuratorDbContext db, AuditFilter filter, TimeZoneInfo zone)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (Given(filter.Actor) is { } actor)
        {
            entries = entries.Where(entry => entry.Actor == actor);
        }

        if (filter.GivenActions is { Count: > 0 } actions)
        {
            entries = entries.Where(entry => actions.Contains(entry.Action));
        }

        if (Given(filter.Team) is { } team)
        {
            entries = entries.Where(entry => entry.Team == team);
        }

        if (Given(filter.Repository) is { } repository)
        {
            var images = repository + "@";
            entries = entries.Where(entry => entry.Target == repository || entry.Target.StartsWith(images));
        }

        if (filter.From is { } from)
        {
            var start = StartOf(from, zone);
            entries = entries.Where(entry => entry.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = StartOf(to.AddDays(1), zone);
            entries = entries.Where(entry => entry.At < end);
        }

        return entries;
    }

    private static IQueryable<AuditEntryRow> Newest(IQueryable<AuditEntryRow> entries) =>
        entries.OrderByDescending(entry => entry.At).ThenByDescending(entry => entry.Id);

    private static readonly System.Linq.Expressions.Expression<Func<AuditEntryRow, AuditEntry>> Entry =
        entry => new AuditEntry(entry.Id, entry.At, entry.Actor, entry.Action, entry.Target, entry.Team, entry.Details, entry.ActorKind);

    private static readonly Func<AuditEntryRow, AuditEntry> ToEntry = Entry.Compile();

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The first moment of a day in the zone, in UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
