using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Features.Approvals;

/// <summary>
/// What the Approvals pages read and do. Approving and rejecting go through <see cref="ApprovalService"/>, which
/// checks the proposal is still pending, refuses a second approval by the same person and writes the audit entry
/// (<c>proposal.approved</c>/<c>proposal.rejected</c> with the person, comment, exclusions and team) and, once a
/// proposal is approved, queues its execution; this service authorizes the person first (Curator or Admin, or a
/// Curator of the proposal's team).
/// </summary>
public sealed partial class ApprovalsService(
    IDbContextFactory<CuratorDbContext> contexts, CurrentUser user, ApprovalService approvals, JobQueue jobs, IOptions<StorageOptions> storage, TimeProvider time)
{
    public const int CommentLength = 2000;

    private static readonly TimeSpan RecentPull = TimeSpan.FromDays(7);

    private readonly IDbContextFactory<CuratorDbContext> _contexts = contexts;
    private readonly CurrentUser _user = user;
    private readonly ApprovalService _approvals = approvals;
    private readonly StorageOptions _storage = storage.Value;
    private readonly JobQueue _jobs = jobs;
    private readonly TimeProvider _time = time;

    public async Task<PendingOverview> PendingAsync(CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "see pending deletions");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var teams = await (from proposal in db.Proposals
                           where proposal.Status == ProposalStatus.Pending
                           join repository in db.Repositories on proposal.RepositoryId equals repository.Id
                           group proposal by repository.Team into team
                           orderby team.Key
                           select new
                           {
                               Team = team.Key, Proposals = team.Count(), Candidates = team.Sum(proposal => proposal.CandidateCount),
                               CandidateBytes = team.Sum(proposal => proposal.CandidateBytes), ReclaimableBytes = team.Sum(proposal => proposal.ReclaimableBytes),
                           }).ToListAsync(cancellation);
        return new PendingOverview(
            [.. teams.Select(team => new TeamPending(team.Team, team.Proposals, team.Candidates, team.CandidateBytes, team.ReclaimableBytes, Savings(team.ReclaimableBytes)))],
            await RequiredAsync(db, cancellation),
            _jobs.NextSnapshot());
    }

    /// <summary>A page of a team's pending proposals, most bytes reclaimed first.</summary>
    public async Task<Paged<PendingProposal>> TeamProposalsAsync(string team, int page, int size, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "see pending deletions");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var required = await RequiredAsync(db, cancellation);
        var query = from proposal in db.Proposals
                    where proposal.Status == ProposalStatus.Pending
                    join repository in db.Repositories on proposal.RepositoryId equals repository.Id
                    where repository.Team == team
                    select new { proposal, repository };
        var total = await query.CountAsync(cancellation);
        var rows = await query.OrderByDescending(row => row.proposal.ReclaimableBytes).ThenBy(row => row.repository.Name).ThenBy(row => row.proposal.Id)
            .Skip(page * size).Take(size)
            .Select(row => new
            {
                row.proposal.Id, row.repository.AccountId, row.repository.Region, row.repository.Name,
                row.proposal.CandidateCount, row.proposal.CandidateBytes, row.proposal.ReclaimableBytes, row.proposal.CreatedAt, row.proposal.ConfirmedSnapshotId,
                ConfirmedAt = db.Snapshots.Where(snapshot => snapshot.Id == row.proposal.ConfirmedSnapshotId).Select(snapshot => snapshot.FinishedAt ?? snapshot.StartedAt).FirstOrDefault(),
                Approvals = db.Approvals.Count(approval => approval.ProposalId == row.proposal.Id && approval.Approved),
            })
            .ToListAsync(cancellation);
        return new Paged<PendingProposal>(
            [.. rows.Select(row => new PendingProposal(
                row.Id, $"{row.AccountId}/{row.Region}/{row.Name}", row.CandidateCount, row.CandidateBytes, row.ReclaimableBytes, Savings(row.ReclaimableBytes),
                row.CreatedAt, row.ConfirmedSnapshotId, row.ConfirmedAt, row.Approvals, required))],
            total);
    }

    /// <returns>The proposal with its candidates (newest push first), or null when there is none with that number.</returns>
    public async Task<ProposalDetail?> ProposalAsync(long proposalId, CancellationToken cancellation)
    {
        var me = await _user.RequireAsync(CuratorRoles.Viewer, "see pending deletions");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var header = await (from proposal in db.Proposals
                            where proposal.Id == proposalId
                            join repository in db.Repositories on proposal.RepositoryId equals repository.Id
                            select new
                            {
                                proposal.Id, proposal.RepositoryId, repository.AccountId, repository.Region, repository.Name, repository.Team, proposal.Status, proposal.StatusReason,
                                proposal.CandidateCount, proposal.CandidateBytes, proposal.ReclaimableBytes, proposal.CreatedAt, proposal.ConfirmedSnapshotId,
                                ConfirmedAt = db.Snapshots.Where(snapshot => snapshot.Id == proposal.ConfirmedSnapshotId).Select(snapshot => snapshot.FinishedAt ?? snapshot.StartedAt).FirstOrDefault(),
                            }).AsNoTracking().SingleOrDefaultAsync(cancellation);
        if (header is null)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var candidates = await db.ProposalCandidates.AsNoTracking().Where(candidate => candidate.ProposalId == proposalId)
            .OrderByDescending(candidate => candidate.PushedAt).ThenBy(candidate => candidate.Digest).ToListAsync(cancellation);
        var decisions = await db.Approvals.AsNoTracking().Where(approval => approval.ProposalId == proposalId).OrderBy(approval => approval.At)
            .Select(approval => new ApprovalView(approval.Actor, approval.Approved, approval.Comment, approval.At)).ToListAsync(cancellation);
        var excluded = await db.Exclusions.AsNoTracking().Where(exclusion => exclusion.ProposalId == proposalId).Select(exclusion => exclusion.Digest).ToListAsync(cancellation);
        var held = await HeldAsync(db, header.RepositoryId, header.Status, [.. candidates.Select(candidate => candidate.Digest)], cancellation);
        return new ProposalDetail(
            header.Id, $"{header.AccountId}/{header.Region}/{header.Name}", header.Team, header.Status, header.StatusReason,
            header.CandidateCount, header.CandidateBytes, header.ReclaimableBytes, Savings(header.ReclaimableBytes),
            header.CreatedAt, header.ConfirmedSnapshotId, header.ConfirmedAt, await RequiredAsync(db, cancellation), decisions,
            [.. candidates.Select(candidate => new CandidateView(
                candidate.Digest, candidate.Tags, candidate.PushedAt, candidate.LastPulledAt, candidate.SizeBytes, candidate.Reasons,
                candidate.LastPulledAt is { } pulled && now - pulled <= RecentPull) { Action = candidate.Action, Held = held.TryGetValue(candidate.Digest, out var by) ? by : null })],
            excluded.ToHashSet(StringComparer.Ordinal),
            me,
            (await _user.GetAsync()).IsIn(CuratorRoles.Curator, header.Team));
    }

    /// <summary>
    /// The candidates of an open proposal that a pin made the stored decision keep since the snapshot (SPEC 3.3): its
    /// execution will skip them. <see cref="HeldBy.Pin"/> for a pinned image, <see cref="HeldBy.PinnedImage"/> for what
    /// hangs on one.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, HeldBy>> HeldAsync(
        CuratorDbContext db, long repositoryId, string status, string[] candidates, CancellationToken cancellation)
    {
        if (status is not (ProposalStatus.Pending or ProposalStatus.Held or ProposalStatus.Approved))
        {
            return new Dictionary<string, HeldBy>();
        }

        var kept = await db.Images.AsNoTracking()
            .Where(image => image.RepositoryId == repositoryId && image.GoneAt == null && image.Decision == "keep")
            .Where(image => candidates.Contains(image.Digest))
            .Select(image => new { image.Digest, Pinned = image.Reasons.Contains("pinned") })
            .ToListAsync(cancellation);
        return kept.ToDictionary(image => image.Digest, image => image.Pinned ? HeldBy.Pin : HeldBy.PinnedImage, StringComparer.Ordinal);
    }

    /// <summary>Approves a pending proposal with <paramref name="excluded"/> left out; once approved, its execution is queued.</summary>
    public async Task<ApprovalResult> ApproveAsync(long proposalId, string? comment, IReadOnlyCollection<string> excluded, CancellationToken cancellation)
    {
        var actor = await RequireCuratorOfProposalAsync(proposalId, "approve deletions", cancellation);
        var remark = Comment(comment);
        await using (var db = await _contexts.CreateDbContextAsync(cancellation))
        {
            var candidates = await db.ProposalCandidates.CountAsync(candidate => candidate.ProposalId == proposalId, cancellation);
            if (candidates > 0 && excluded.Distinct().Count() >= candidates)
            {
                throw new DashboardException($"Every image of proposal {proposalId} is excluded, so approving it would delete nothing; reject it instead.");
            }
        }

        return await DecideAsync(proposalId, actor, remark, excluded, cancellation);
    }

    public async Task RejectAsync(long proposalId, string? comment, CancellationToken cancellation)
    {
        var actor = await RequireCuratorOfProposalAsync(proposalId, "reject deletions", cancellation);
        await _approvals.RejectAsync(proposalId, actor, Comment(comment), cancellation);
    }

    /// <summary>Approves every pending proposal of <paramref name="team"/>, whole, with one comment.</summary>
    /// <summary>
    /// What approving all of a team would approve: its pending proposals, most bytes first, and the candidates among them
    /// pulled within the last 7 days (a person looks twice), so the confirmation can show them and leave proposals out.
    /// </summary>
    public async Task<TeamApprovalPreview> TeamApprovalPreviewAsync(string team, CancellationToken cancellation)
    {
        var proposals = await TeamProposalsAsync(team, 0, int.MaxValue, cancellation);
        var ids = proposals.Items.Select(proposal => proposal.Id).ToList();
        var since = _time.GetUtcNow() - RecentPull;
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var pulled = await db.ProposalCandidates.AsNoTracking()
            .Where(candidate => ids.Contains(candidate.ProposalId) && candidate.LastPulledAt >= since)
            .OrderByDescending(candidate => candidate.LastPulledAt).ThenBy(candidate => candidate.Digest)
            .Select(candidate => new RecentlyPulledCandidate(candidate.ProposalId, candidate.Digest, candidate.Tags, candidate.LastPulledAt!.Value))
            .ToListAsync(cancellation);
        return new TeamApprovalPreview(proposals.Items, pulled);
    }

    /// <param name="excluded">Proposals of the team the person left out: they stay pending.</param>
    public async Task<TeamApproval> ApproveTeamAsync(string team, string? comment, CancellationToken cancellation, IReadOnlyCollection<long>? excluded = null)
    {
        var actor = await _user.RequireForTeamAsync(CuratorRoles.Curator, team, "approve deletions");
        var left = excluded ?? [];
        var remark = Comment(comment);
        List<long> pending;
        await using (var db = await _contexts.CreateDbContextAsync(cancellation))
        {
            pending = await (from proposal in db.Proposals
                             where proposal.Status == ProposalStatus.Pending
                             join repository in db.Repositories on proposal.RepositoryId equals repository.Id
                             where repository.Team == team
                             orderby proposal.Id
                             select proposal.Id).ToListAsync(cancellation);
        }

        int approved = 0, waiting = 0;
        var refused = new List<string>();
        foreach (var proposalId in pending.Where(proposal => !left.Contains(proposal)))
        {
            try
            {
                if (await DecideAsync(proposalId, actor, remark, [], cancellation) == ApprovalResult.Approved)
                {
                    approved++;
                }
                else
                {
                    waiting++;
                }
            }
            catch (ApprovalException error)
            {
                refused.Add(error.Message);
            }
        }

        return new TeamApproval(approved, waiting, refused);
    }

    /// <summary>A Curator or an Admin, or a Curator of the proposal's team; anyone else is refused.</summary>
    private async Task<string> RequireCuratorOfProposalAsync(long proposalId, string action, CancellationToken cancellation)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        return await _user.RequireForTeamAsync(CuratorRoles.Curator, await OwningTeam.OfProposalAsync(db, proposalId, cancellation), action);
    }

    private async Task<ApprovalResult> DecideAsync(long proposalId, string actor, string? comment, IReadOnlyCollection<string> excluded, CancellationToken cancellation) =>
        await _approvals.ApproveAsync(proposalId, actor, comment, excluded, cancellation) ? ApprovalResult.Approved : ApprovalResult.WaitingForAnotherApprover;

    private static string? Comment(string? comment) => comment?.Trim() switch
    {
        null or "" => null,
        { Length: > CommentLength } => throw new DashboardException($"A comment can be at most {CommentLength} characters long."),
        var text => text,
    };

    private static async Task<int> RequiredAsync(CuratorDbContext db, CancellationToken cancellation) =>
        await db.Settings.AsNoTracking().Select(settings => settings.ApprovalsRequired).SingleAsync(cancellation);

    private decimal Savings(long bytes) => _storage.MonthlyCost(bytes);
}
