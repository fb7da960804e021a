using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Approvals;

public sealed partial class ApprovalsService
{
    public const int MostProposalsPerPage = 500;

    /// <summary>
    /// A page of proposals in one status (pending by default), optionally of one team, in the teams the person may see,
    /// each with its candidates' digests; newest first.
    /// </summary>
    public async Task<Paged<ProposalSummary>> ProposalsAsync(string? team, string? status, int page, int size, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "see proposals");
        if (page < 0 || size is < 1 or > MostProposalsPerPage)
        {
            throw new DashboardException($"A page is numbered from 0 and holds 1 to {MostProposalsPerPage} proposals.");
        }

        var wanted = string.IsNullOrWhiteSpace(status) ? ProposalStatus.Pending : status.Trim();
        var teams = await _user.TeamsAsync();
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var query = from proposal in db.Proposals.AsNoTracking()
                    where proposal.Status == wanted
                    join repository in teams.Apply(db.Repositories.AsNoTracking(), row => row.Team) on proposal.RepositoryId equals repository.Id
                    where team == null || repository.Team == team
                    select new { proposal, repository };
        var total = await query.CountAsync(cancellation);
        var rows = await query.OrderByDescending(row => row.proposal.Id).Skip(page * size).Take(size)
            .Select(row => new
            {
                row.proposal.Id, row.repository.AccountId, row.repository.Region, row.repository.Name, row.repository.Team, row.proposal.Status,
                row.proposal.CandidateCount, row.proposal.CandidateBytes, row.proposal.ReclaimableBytes, row.proposal.CreatedAt,
                Candidates = row.proposal.Candidates.OrderBy(candidate => candidate.Digest).Select(candidate => candidate.Digest).ToList(),
            })
            .ToListAsync(cancellation);
        return new Paged<ProposalSummary>(
            [.. rows.Select(row => new ProposalSummary(
                row.Id, row.AccountId, row.Region, row.Name, row.Team, row.Status, row.CandidateCount, row.CandidateBytes, row.ReclaimableBytes,
                Savings(row.ReclaimableBytes), row.CreatedAt, row.Candidates))],
            total);
    }

    /// <summary>
    /// Every proposal, of any status unless one is named, optionally of one team, newest first, read as the caller goes
    /// (for the CSV export). The person is checked before anything is read.
    /// </summary>
    public async Task<IAsyncEnumerable<ProposalLine>> ExportProposalsAsync(string? team, string? status, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "export proposals");
        var teams = await _user.TeamsAsync();
        return StreamProposalsAsync(teams, Blank(team), Blank(status), cancellation);
    }

    private async IAsyncEnumerable<ProposalLine> StreamProposalsAsync(
        TeamScope teams, string? team, string? status, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var rows = from proposal in db.Proposals.AsNoTracking()
                   where status == null || proposal.Status == status
                   join repository in teams.Apply(db.Repositories.AsNoTracking(), row => row.Team) on proposal.RepositoryId equals repository.Id
                   where team == null || repository.Team == team
                   orderby proposal.Id descending
                   select new ProposalLine(
                       proposal.Id, repository.AccountId, repository.Region, repository.Name, repository.Team, proposal.Status, proposal.StatusReason,
                       proposal.CandidateCount, proposal.CandidateBytes, proposal.ReclaimableBytes, proposal.DeletedBytes, proposal.ArchivedBytes,
                       proposal.CreatedAt, proposal.ExecutedAt,
                       db.Approvals.Where(approval => approval.ProposalId == proposal.Id).OrderBy(approval => approval.At)
                           .Select(approval => (approval.Approved ? "approved:" : "rejected:") + approval.Actor).ToList());
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellation))
        {
            yield return row;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A proposal as the CSV export lists it, with who approved or rejected it (<c>approved:NAME</c>, <c>rejected:NAME</c>).</summary>
public sealed record ProposalLine(
    long Id, string AccountId, string Region, string Repository, string Team, string Status, string? StatusReason, int Candidates, long CandidateBytes,
    long ReclaimableBytes, long DeletedBytes, long ArchivedBytes, DateTimeOffset CreatedAt, DateTimeOffset? ExecutedAt, IReadOnlyList<string> Decisions);

/// <summary>A proposal as the API lists it.</summary>
public sealed record ProposalSummary(
    long Id, string AccountId, string Region, string Repository, string Team, string Status, int Candidates, long CandidateBytes, long ReclaimableBytes,
    decimal MonthlySavings, DateTimeOffset CreatedAt, IReadOnlyList<string> CandidateDigests);
