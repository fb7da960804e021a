using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Approvals;

/// <summary>The executions of approved proposals: their progress and each image's outcome.</summary>
public sealed partial class ApprovalsService
{
    private static readonly string[] ExecutionStatuses =
        [ProposalStatus.Approved, ProposalStatus.Executing, ProposalStatus.Executed, ProposalStatus.PartiallyExecuted, ProposalStatus.Failed];

    /// <summary>A page of executions (approved and later), newest proposal first.</summary>
    public async Task<Paged<ExecutionSummary>> ExecutionsAsync(int page, int size, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "see executions");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var executed = db.Proposals.Where(proposal => ExecutionStatuses.Contains(proposal.Status));
        var total = await executed.CountAsync(cancellation);
        var rows = await (from proposal in executed.OrderByDescending(proposal => proposal.Id).Skip(page * size).Take(size)
                          join repository in db.Repositories on proposal.RepositoryId equals repository.Id
                          orderby proposal.Id descending
                          select new ExecutionSummary(
                              proposal.Id, repository.AccountId + "/" + repository.Region + "/" + repository.Name, repository.Team, proposal.Status, proposal.StatusReason,
                              db.ExecutionOutcomes.Count(outcome => outcome.ProposalId == proposal.Id),
                              proposal.CandidateCount - db.Exclusions.Count(exclusion => exclusion.ProposalId == proposal.Id),
                              proposal.DeletedBytes)).ToListAsync(cancellation);
        return new Paged<ExecutionSummary>(rows, total);
    }

    /// <returns>The execution of an approved (or later) proposal; null when there is none with that number.</returns>
    public async Task<ExecutionProgress?> ProgressAsync(long proposalId, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "see executions");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var proposal = await db.Proposals.AsNoTracking().Where(row => row.Id == proposalId)
            .Select(row => new { row.Status, row.StatusReason, row.CandidateCount, row.DeletedBytes, Excluded = db.Exclusions.Count(exclusion => exclusion.ProposalId == row.Id) })
            .SingleOrDefaultAsync(cancellation);
        if (proposal is null)
        {
            return null;
        }

        var outcomes = await ImageOutcomes.ReadAsync(db, proposalId, cancellation);
        return new ExecutionProgress(proposalId, proposal.Status, proposal.StatusReason, outcomes.Count, proposal.CandidateCount - proposal.Excluded, proposal.DeletedBytes, outcomes);
    }
}
