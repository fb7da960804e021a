using EcrCurator.Web.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace EcrCurator.Web.Features.History;

/// <summary><c>GET /history/audit.csv</c> with the audit log's filters as query parameters: every matching entry, streamed as CSV.</summary>
public static class AuditExport
{
    public const string Path = "/history/audit.csv";

    public static IEndpointConventionBuilder MapAuditExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization();

    /// <summary>The export's address for a filter (<c>action</c> once per action; days as <c>yyyy-MM-dd</c> in the display zone).</summary>
    public static string Url(AuditFilter filter)
    {
        KeyValuePair<string, string?>[] query =
        [
            new("actor", filter.Actor), .. filter.GivenActions.Select(action => new KeyValuePair<string, string?>("action", action)),
            new("team", filter.Team), new("repository", filter.Repository),
            new("from", filter.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("to", filter.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ];
        // Relative to the page's base: the site may be served under a path.
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Path[1..], query.Where(pair => !string.IsNullOrWhiteSpace(pair.Value)));
    }

    private static async Task ExportAsync(
        HttpContext http, [FromQuery] string? actor, [FromQuery] string[]? action, [FromQuery] string? team, [FromQuery] string? repository,
        [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, CancellationToken cancellation)
    {
        http.RequestServices.UseRequestUser(http);
        var history = http.RequestServices.GetRequiredService<HistoryService>();
        IAsyncEnumerable<AuditEntry> entries;
        try
        {
            entries = await history.ExportAsync(new AuditFilter(actor, action, team, repository, from, to), cancellation);
        }
        catch (AccessRefusedException refused)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsync(refused.Message, cancellation);
            return;
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await AuditCsv.WriteAsync(http.Response.Body, entries, cancellation);
    }
}
