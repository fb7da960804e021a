using System.Text.Json;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.History;

/// <summary>
/// An execution writes one audit entry per image (<c>image.delete-intent</c>, <c>image.deleted</c>, <c>image.skipped-in-use</c>, …,
/// each with its proposal in the details). The log lists them under the <c>execution.started</c> entry that began them
/// rather than between everything else: the images of a start are its proposal's per-image entries after it and before
/// that proposal's next start (a requeued execution starts again). Asking for an <c>image.*</c> action lists them flat.
/// </summary>
public static class AuditGroups
{
    public const string Head = "execution.started";

    private const string ImagePrefix = "image.";

    /// <summary>Whether the log is listed with execution images grouped: unless the filter asks for an <c>image.*</c> action.</summary>
    public static bool Apply(AuditFilter filter) => !filter.GivenActions.Any(action => action.StartsWith(ImagePrefix, StringComparison.Ordinal));

    /// <summary>The entries without the per-image entries of executions (restores and other image entries have no proposal).</summary>
    public static IQueryable<AuditEntryRow> WithoutExecutionImages(IQueryable<AuditEntryRow> entries) =>
        entries.Where(entry => !(entry.Action.StartsWith(ImagePrefix) && EF.Functions.JsonExists(entry.Details, "proposal")));

    /// <summary>
    /// The per-image entries an <c>execution.started</c> entry heads, or null when <paramref name="head"/> is no such entry.
    /// Bounded by the repository's target prefix and the times, so the audit log's indexes answer it.
    /// </summary>
    public static async Task<IQueryable<AuditEntryRow>?> ImagesAsync(CuratorDbContext db, AuditEntryRow head, CancellationToken cancellation)
    {
        if (head.Action != Head || ProposalOf(head.Details) is not { } proposal)
        {
            return null;
        }

        var ofProposal = Json(proposal);
        var next = await db.AuditEntries.AsNoTracking()
            .Where(entry => entry.Action == Head && entry.Target == head.Target && EF.Functions.JsonContains(entry.Details, ofProposal)
                            && (entry.At > head.At || (entry.At == head.At && entry.Id > head.Id)))
            .OrderBy(entry => entry.At).ThenBy(entry => entry.Id)
            .Select(entry => new { entry.At, entry.Id })
            .FirstOrDefaultAsync(cancellation);
        var images = head.Target + "@";
        var query = db.AuditEntries.AsNoTracking()
            .Where(entry => entry.Target.StartsWith(images) && entry.Action.StartsWith(ImagePrefix) && EF.Functions.JsonContains(entry.Details, ofProposal)
                            && (entry.At > head.At || (entry.At == head.At && entry.Id > head.Id)));
        if (next is not null)
        {
            query = query.Where(entry => entry.At < next.At || (entry.At == next.At && entry.Id < next.Id));
        }

        return query;
    }

    private static string Json(long proposal) => JsonSerializer.Serialize(new { proposal }, JsonSerializerOptions.Web);

    private static long? ProposalOf(string details)
    {
        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("proposal", out var value)
                   && value.TryGetInt64(out var proposal) ? proposal : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
