using EcrCurator.Web.Components.Shared;
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
        repository.AccountId, repository.Region, repository.Name, repository.Team, repository.Mode, Csv.Number(repository.Images), Csv.Number(repository.ImageBytes),
        Csv.Number(repository.Candidates), Csv.Number(repository.CandidateBytes), Csv.Number(repository.ReclaimableBytes), Csv.Number(repository.InUse),
        Csv.Number(repository.Pinned), Csv.Number(repository.LifecycleDangers), Csv.Time(repository.LastPushedAt),
        Csv.Time(repository.GoneAt));
}
