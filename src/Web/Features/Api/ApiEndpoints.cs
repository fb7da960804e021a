using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.Pins;
using EcrCurator.Web.Features.Reports;
using EcrCurator.Web.Features.Repositories;
using EcrCurator.Web.Features.Repository;
using EcrCurator.Web.Features.Tokens;
using Microsoft.AspNetCore.Mvc;

namespace EcrCurator.Web.Features.Api;

/// <summary>
/// <c>/api/v1</c>: what automation reads and does (SPEC 11), each endpoint behind the token scope it needs and the
/// per-token rate limit, calling the dashboard's feature services.
/// </summary>
public static class ApiEndpoints
{
    public const string Base = "/api/v1";

    public static void MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Base).AddEndpointFilter<ApiProblems>().RequireRateLimiting(ApiSetup.RateLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/repositories", RepositoriesAsync).RequireAuthorization(ApiSetup.Policy(TokenScopes.Read))
            .WithName("ListRepositories").WithSummary("List repositories")
            .WithDescription("The dashboard's list: filtered by team, name (part of it), having candidates, having images in use, mode; sorted and paged. Scope: read.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/repositories/{accountId}/{region}/{name}/images", ImagesAsync).RequireAuthorization(ApiSetup.Policy(TokenScopes.Read))
            .WithName("ListImages").WithSummary("List a repository's images with decisions")
            .WithDescription("Each top-level image (newest push first) with its decision, every reason, where it runs and its pin, its index children and attached artifacts under it. A name with slashes is URL-encoded: care%2Fapi. Scope: read.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/proposals", ProposalsAsync).RequireAuthorization(ApiSetup.Policy(TokenScopes.Read))
            .WithName("ListProposals").WithSummary("List proposals")
            .WithDescription("Proposals in a status (Pending unless status is given), optionally of one team, newest first, with their candidates' digests. Scope: read.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/pins", PinsAsync).RequireAuthorization(ApiSetup.Policy(TokenScopes.Read))
            .WithName("ListPins").WithSummary("List pins")
            .WithDescription("Pins in effect (expired ones too with expired=true), newest first, filtered by repository name, team or text. Scope: read.");
        api.MapPost("/pins", PinAsync).RequireAuthorization(ApiSetup.Policy(TokenScopes.PinsWrite))
            .WithName("CreatePin").WithSummary("Pin an image")
            .WithDescription("Keeps an image, named by digest or by tag (as of the last snapshot), until the pin is removed or expires. Answers 201 with the pin and its id. Scope: pins:write.")
            .Produces<ApiPin>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/pins/{id:long}", UnpinAsync).RequireAuthorization(ApiSetup.Policy(TokenScopes.PinsWrite))
            .WithName("DeletePin").WithSummary("Remove a pin").WithDescription("Scope: pins:write.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/usage-reports", ReportAsync).RequireAuthorization(ApiSetup.Policy(TokenScopes.UsageReport))
            .WithName("ReportUsage").WithSummary("Report the images a source runs")
            .WithDescription("Every image of an unexpired report is in use (where it runs: report:SOURCE); a new report from a source replaces its earlier one. References are HOST/REPO@DIGEST or HOST/REPO:TAG; those to other registries are ignored. Scope: usage:report.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Repositories.RepositoryPage> RepositoriesAsync(
        RepositoriesService repositories, string? team, string? q, bool? candidates, bool? inUse, string? mode, bool? gone,
        string? sort, bool? descending, int? page, int? pageSize, CancellationToken cancellation) =>
        await repositories.PageAsync(
            new RepositoryPageRequest(RepositoryFilter.FromQuery(team, q, candidates, inUse, mode, gone), sort ?? RepositorySort.Reclaimable, descending ?? true, page ?? 0, pageSize ?? 50),
            cancellation);

    private static async Task<ApiRepositoryImages> ImagesAsync(
        RepositoryService repositories, string accountId, string region, string name, string? decision, int? page, int? pageSize, CancellationToken cancellation)
    {
        var key = new Domain.RepositoryKey(accountId, region, Uri.UnescapeDataString(name));
        var filter = decision switch
        {
            null or "" => DecisionFilter.All,
            "delete" => DecisionFilter.Delete,
            "keep" => DecisionFilter.Keep,
            _ => throw new Components.Shared.DashboardException("decision is delete or keep."),
        };
        var id = await repositories.IdOfAsync(key, cancellation) ?? throw NotFound();
        var summary = await repositories.GetAsync(id, cancellation) ?? throw NotFound();
        var images = await repositories.ImagesAsync(id, new ImageQuery(page ?? 0, pageSize ?? 100, Decision: filter), cancellation);
        return new ApiRepositoryImages(
            summary.Id, summary.AccountId, summary.Region, summary.Name, summary.Team, summary.Mode, summary.ImageCount, summary.CandidateCount,
            summary.ReclaimableBytes, summary.MonthlySavings, [.. images.Images.Select(ApiImage.From)], images.Total);

        Components.Shared.NotFoundException NotFound() => new($"There is no repository {key}.");
    }

    private static async Task<Paged<ProposalSummary>> ProposalsAsync(
        ApprovalsService approvals, string? team, string? status, int? page, int? pageSize, CancellationToken cancellation) =>
        await approvals.ProposalsAsync(team, status, page ?? 0, pageSize ?? 50, cancellation);

    private static async Task<ApiPins> PinsAsync(
        PinsService pins, string? repository, string? team, string? q, bool? expired, int? page, int? pageSize, CancellationToken cancellation)
    {
        var found = await pins.ListAsync(
            new PinQuery { Repository = repository, Team = team, Search = q, IncludeExpired = expired == true, Page = page ?? 0, PageSize = pageSize ?? 100 }, cancellation);
        return new ApiPins([.. found.Pins.Select(ApiPin.From)], found.Total);
    }

    private static async Task<IResult> PinAsync(PinsService pins, [FromBody] PinBody body, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(body.AccountId) || string.IsNullOrWhiteSpace(body.Region) || string.IsNullOrWhiteSpace(body.Repository))
        {
            throw new Components.Shared.DashboardException("accountId, region and repository name the image's repository; each is required.");
        }

        if (string.IsNullOrWhiteSpace(body.Digest) == string.IsNullOrWhiteSpace(body.Tag))
        {
            throw new Components.Shared.DashboardException("Name the image by digest or by tag: one of the two.");
        }

        var digest = body.Digest ?? await pins.DigestOfTagAsync(body.AccountId, body.Region, body.Repository, body.Tag!, cancellation);
        var id = await pins.PinAsync(body.AccountId, body.Region, body.Repository, digest, body.Reason ?? "", body.ExpiresAt, cancellation);
        var pin = await pins.GetAsync(id, cancellation) ?? throw new InvalidOperationException($"Pin {id} was created but cannot be read back.");
        return Results.Created($"{Base}/pins/{id}", ApiPin.From(pin));
    }

    private static async Task<IResult> UnpinAsync(PinsService pins, long id, CancellationToken cancellation)
    {
        await pins.UnpinAsync(id, cancellation);
        return Results.NoContent();
    }

    private static async Task<ReportReceipt> ReportAsync(ReportsService reports, [FromBody] UsageReportBody body, CancellationToken cancellation) =>
        await reports.ReceiveAsync(body.Source, body.Images, body.ExpiresInHours, cancellation);
}
