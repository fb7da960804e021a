using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Approvals;

/// <summary>The executions of approved proposals: their progress and each image's outcome.</summary>
public sealed partial class ApprovalsService
{
    /// <summary>How many recently ended executions the Approvals page shows (History has them all).</summary>
    public const int RecentlyEnded = 10;

    private static readonly string[] Running = [ProposalStatus.Approved, ProposalStatus.Executing];

    private static readonly string[] Ended = [ProposalStatus.Executed, ProposalStatus.PartiallyExecuted, ProposalStatus.Failed];

    /// <summary>Every execution waiting or running, then the most recently ended ones; newest proposal first in each.</summary>
    public Task<IReadOnlyList<ExecutionSummary>> ExecutionsAsync(CancellationToken cancellation) => ExecutionsAsync(null, cancellation);

    /// <summary>The executions waiting or running and the most recently ended ones, of one team's repositories (none: every team's).</summary>
    public async Task<IReadOnlyList<ExecutionSummary>> ExecutionsAsync(string? team, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "see executions");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var proposals = team is null
            ? db.Proposals
            : db.Proposals.Where(proposal => db.Repositories.Any(repository => repository.Id == proposal.RepositoryId && repository.Team == team));
        var running = await SummariesAsync(db, proposals.Where(proposal => Running.Contains(proposal.Status)).OrderByDescending(proposal => proposal.Id).Take(500), cancellation);
        var ended = await SummariesAsync(db, proposals.Where(proposal => Ended.Contains(proposal.Status)).OrderByDescending(proposal => proposal.Id).Take(RecentlyEnded), cancellation);
        return [.. running, .. ended];
    }

    private static async Task<List<ExecutionSummary>> SummariesAsync(CuratorDbContext db, IQueryable<ProposalRow> proposals, CancellationToken cancellation) =>
        await (from proposal in proposals
               join repository in db.Repositories on proposal.RepositoryId equals repository.Id
               orderby proposal.Id descending
               select new ExecutionSummary(
                   proposal.Id, repository.AccountId + "/" + repository.Region + "/" + repository.Name, repository.Team, proposal.Status, proposal.StatusReason,
                   db.ExecutionOutcomes.Count(outcome => outcome.ProposalId == proposal.Id && outcome.Outcome != Outcomes.Excluded),
                   db.ProposalCandidates.Count(candidate => candidate.ProposalId == proposal.Id) - db.Exclusions.Count(exclusion => exclusion.ProposalId == proposal.Id),
                   proposal.DeletedBytes)).ToListAsync(cancellation);

    /// <returns>The execution of an approved (or later) proposal; null when there is none with that number.</returns>
    public async Task<ExecutionProgress?> ProgressAsync(long proposalId, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "see executions");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var proposal = await db.Proposals.AsNoTracking().Where(row => row.Id == proposalId)
            .Select(row => new
            {
                row.Status, row.StatusReason, CandidateCount = db.ProposalCandidates.Count(candidate => candidate.ProposalId == row.Id), row.DeletedBytes, row.ArchivedBytes, Excluded = db.Exclusions.Count(exclusion => exclusion.ProposalId == row.Id),
                Repository = db.Repositories.Where(repository => repository.Id == row.RepositoryId).Select(repository => repository.AccountId + "/" + repository.Region + "/" + repository.Name).Single(),
            })
            .SingleOrDefaultAsync(cancellation);
        if (proposal is null)
        {
            return null;
        }

        var outcomes = await ImageOutcomes.ReadAsync(db, proposalId, cancellation);
        var done = outcomes.Count(outcome => outcome.Outcome != Outcomes.Excluded); // exclusions are not part of the work
        return new ExecutionProgress(proposalId, proposal.Status, proposal.StatusReason, done, proposal.CandidateCount - proposal.Excluded, proposal.DeletedBytes, outcomes)
        {
            Repository = proposal.Repository,
            ArchivedBytes = proposal.ArchivedBytes,
        };
    }
}
