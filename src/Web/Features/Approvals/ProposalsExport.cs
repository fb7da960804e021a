using EcrCurator.Web.Components.Shared;
using Microsoft.AspNetCore.Mvc;

namespace EcrCurator.Web.Features.Approvals;

/// <summary><c>GET /approvals/proposals.csv?team=&amp;status=</c>: every proposal (of one team, in one status, when asked), newest first, as CSV.</summary>
public static class ProposalsExport
{
    public const string Path = "/approvals/proposals.csv";

    public const string Header =
        "id,account_id,region,repository,team,status,status_reason,candidates,candidate_bytes,reclaimable_bytes,deleted_bytes,archived_bytes,created_at,executed_at,decisions";

    public static IEndpointConventionBuilder MapProposalsExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (HttpContext http, [FromQuery] string? team, [FromQuery] string? status) => CsvDownload.SendAsync(
            http, "proposals", Header,
            (services, cancellation) => services.GetRequiredService<ApprovalsService>().ExportProposalsAsync(team, status, cancellation),
            Line)).RequireAuthorization();

    /// <summary>The export's address (relative to the page's base: the site may be served under a path).</summary>
    public static string Url(string? team = null, string? status = null) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            Path[1..], new Dictionary<string, string?> { ["team"] = team, ["status"] = status }.Where(pair => !string.IsNullOrWhiteSpace(pair.Value)));

    public static string Line(ProposalLine proposal) => Csv.Line(
        Csv.Number(proposal.Id), proposal.AccountId, proposal.Region, proposal.Repository, proposal.Team, proposal.Status, proposal.StatusReason,
        Csv.Number(proposal.Candidates), Csv.Number(proposal.CandidateBytes), Csv.Number(proposal.ReclaimableBytes), Csv.Number(proposal.DeletedBytes),
        Csv.Number(proposal.ArchivedBytes), Csv.Time(proposal.CreatedAt), Csv.Time(proposal.ExecutedAt),
        string.Join(' ', proposal.Decisions));
}
