using System.Globalization;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.History;
using Microsoft.AspNetCore.Mvc;

namespace EcrCurator.Web.Features.Repositories;

/// <summary><c>GET /repositories.csv</c> with the list's filters as query parameters: every matching repository, as CSV.</summary>
public static class RepositoriesExport
{
    public const string Path = "/repositories.csv";

    public const string Header =
        "account_id,region,repository,team,mode,images,image_bytes,candidates,candidate_bytes,reclaimable_bytes,in_use,pinned,lifecycle_dangers,last_pushed_at,gone_at";

    public static IEndpointConventionBuilder MapRepositoriesExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (
            HttpContext http, [FromQuery] string? team, [FromQuery] string? q, [FromQuery] bool? candidates, [FromQuery] bool? inuse, [FromQuery] string? mode,
            [FromQuery] bool? gone, [FromQuery] bool? lifecycle) => CsvDownload.SendAsync(
            http, "repositories", Header,
            (services, cancellation) => services.GetRequiredService<RepositoriesService>().ExportAsync(
                RepositoryFilter.FromQuery(team, q, candidates, inuse, mode, gone, lifecycle), RepositorySort.Reclaimable, descending: true, cancellation),
            Line)).RequireAuthorization();

    /// <summary>The export's address for a filter (relative to the page's base: the site may be served under a path).</summary>
    public static string Url(RepositoryFilter filter) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            Path[1..], filter.ToQuery().Where(pair => pair.Value is not null).Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value!.ToString())));

    public static string Line(RepositoryListRow repository) => Csv.Line(
        repository.AccountId, repository.Region, repository.Name, repository.Team, repository.Mode, Number(repository.Images), Number(repository.ImageBytes),
        Number(repository.Candidates), Number(repository.CandidateBytes), Number(repository.ReclaimableBytes), Number(repository.InUse),
        Number(repository.Pinned), Number(repository.LifecycleDangers), repository.LastPushedAt is { } pushed ? AuditCsv.Time(pushed) : null,
        repository.GoneAt is { } gone ? AuditCsv.Time(gone) : null);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
