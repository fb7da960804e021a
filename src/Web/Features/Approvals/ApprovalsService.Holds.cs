using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Approvals;

/// <summary>
/// Holds and notice periods: a team member (anyone signed in) asks for a hold from a message's link; a Curator
/// (or a Curator of its team) releases or rejects it; an Admin lets an approval under notice execute before the notice ends. All audited.
/// </summary>
public sealed partial class ApprovalsService
{
    public async Task<HoldState?> HoldStateAsync(long proposalId, CancellationToken cancellation)
    {
        return (await StatesAsync(proposal => proposal.Id == proposalId, cancellation)).SingleOrDefault();
    }

    /// <summary>The held proposals, for the Approvals page.</summary>
    public async Task<IReadOnlyList<HoldState>> HeldAsync(CancellationToken cancellation)
    {
        return await StatesAsync(proposal => proposal.Status == ProposalStatus.Held, cancellation);
    }

    private async Task<IReadOnlyList<HoldState>> StatesAsync(System.Linq.Expressions.Expression<Func<ProposalRow, bool>> which, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "see pending deletions");
        var me = await _user.GetAsync();
        var mayOverride = me.IsIn(CuratorRoles.Admin);
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var states = await db.Proposals.AsNoTracking().Where(which).OrderBy(proposal => proposal.Id)
            .Join(db.Repositories, proposal => proposal.RepositoryId, repository => repository.Id, (proposal, repository) => new HoldState(
                proposal.Id, repository.AccountId + "/" + repository.Region + "/" + repository.Name, repository.Team, proposal.Status, proposal.HeldBy, proposal.HeldReason,
                proposal.HeldAt, proposal.ExecuteAfter, false, mayOverride))
            .ToListAsync(cancellation);
        return [.. states.Select(state => state with { MayDecide = me.IsIn(CuratorRoles.Curator, state.Team) })];
    }

    /// <summary>Asks for a hold: any signed-in person may, as the team's messages invite them to.</summary>
    public async Task HoldAsync(long proposalId, string? reason, CancellationToken cancellation)
    {
        var actor = await _user.RequireAsync(CuratorRoles.Viewer, "ask for a hold");
        await _approvals.HoldAsync(proposalId, actor, Comment(reason) ?? "", cancellation);
    }

    public async Task ReleaseAsync(long proposalId, string? comment, CancellationToken cancellation)
    {
        var actor = await RequireCuratorOfProposalAsync(proposalId, "release held proposals", cancellation);
        await _approvals.ReleaseAsync(proposalId, actor, Comment(comment), cancellation);
    }

    public async Task OverrideNoticeAsync(long proposalId, string? comment, CancellationToken cancellation)
    {
        var actor = await _user.RequireAsync(CuratorRoles.Admin, "execute a proposal before its notice ends");
        await _approvals.OverrideNoticeAsync(proposalId, actor, Comment(comment), cancellation);
    }
}

/// <summary>A proposal's hold (who, why, when) and notice (when an approval under notice executes), and what the person may do.</summary>
public sealed record HoldState(
    long Id, string Repository, string Team, string Status, string? HeldBy, string? HeldReason, DateTimeOffset? HeldAt, DateTimeOffset? ExecuteAfter, bool MayDecide, bool MayOverride)
{
    public bool IsHeld => Status == ProposalStatus.Held;

    public bool MayBeHeld => Status is ProposalStatus.Pending or ProposalStatus.Approved;
}
