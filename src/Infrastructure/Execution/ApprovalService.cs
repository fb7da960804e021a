using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// Approving and rejecting proposals (SPEC 4): whole or with images excluded, with an optional comment; when the
/// settings require more than one approval, by different people. Only a pending proposal can be decided. The approval
/// that completes a proposal queues its execution, which acts under that approver's name.
/// </summary>
public sealed class ApprovalService(IDbContextFactory<CuratorDbContext> contexts, JobQueue queue, TimeProvider time)
{
    /// <summary>Approves; once approved, the execution is queued for a job server.</summary>
    /// <returns>True when the proposal is now approved (enough approvals), false while it waits for another approver.</returns>
    public Task<bool> ApproveAsync(long proposalId, string actor, string? comment, IReadOnlyCollection<string> excluded, CancellationToken cancellation) =>
        ApproveAsync(proposalId, actor, comment, excluded, Executor.JobServer, cancellation);

    /// <param name="executor">Who executes the proposal once approved: a job server, or the caller itself (the <c>approve</c> command).</param>
    public async Task<bool> ApproveAsync(long proposalId, string actor, string? comment, IReadOnlyCollection<string> excluded, Executor executor, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var (proposal, target, team, noticeHours) = await PendingAsync(db, proposalId, cancellation);
        if (proposal.Approvals.Any(approval => approval.Approved && approval.Actor == actor))
        {
            throw new ApprovalException($"{actor} has already approved proposal {proposalId}; another person must approve it.");
        }

        var unknown = excluded.Except(proposal.Candidates.Select(candidate => candidate.Digest)).FirstOrDefault();
        if (unknown is not null)
        {
            throw new ApprovalException($"{unknown} is not a candidate of proposal {proposalId}.");
        }

        var now = time.GetUtcNow();
        proposal.Approvals.Add(new ApprovalRow { Actor = actor, Approved = true, Comment = comment, At = now });
        foreach (var digest in excluded.Where(digest => proposal.Exclusions.All(exclusion => exclusion.Digest != digest)))
        {
            proposal.Exclusions.Add(new ExclusionRow { Digest = digest, Actor = actor, At = now });
        }

        // The system approves AutoRun proposals alone; people need as many approvers as the settings say.
        var required = actor == AuditLog.System ? 1 : (await db.Settings.AsNoTracking().SingleAsync(cancellation)).ApprovalsRequired;
        var approvers = proposal.Approvals.Where(approval => approval.Approved).Select(approval => approval.Actor).Distinct().Count();
        if (approvers >= required)
        {
            proposal.Status = ProposalStatus.Approved;

            // A person's approval while the team's notice runs executes when it ends, unless an Admin overrides.
            if (proposal.NoticedAt?.AddHours(noticeHours) is { } ends && ends > now && actor != AuditLog.System)
            {
                proposal.ExecuteAfter = ends;
                proposal.StatusReason = StatusNotes.UnderNotice.Format(StatusNotes.Time(ends), noticeHours);
            }
        }

        AuditLog.Record(db, actor, "proposal.approved", target, new { proposal = proposalId, comment, excluded, approvals = approvers, required, executeAfter = proposal.ExecuteAfter }, team, now);
        await SaveAsync(db, proposalId, cancellation);
        if (proposal.Status != ProposalStatus.Approved)
        {
            return false;
        }

        if (executor == Executor.JobServer || proposal.ExecuteAfter is not null)
        {
            await queue.QueueExecutionAsync(proposalId, actor, cancellation);
        }

        return true;
    }

    /// <summary>Rejects a pending proposal, or a held one (a Curator's answer to the hold).</summary>
    public async Task RejectAsync(long proposalId, string actor, string? comment, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var (proposal, target, team, _) = await PendingAsync(db, proposalId, cancellation, ProposalStatus.Held);
        var now = time.GetUtcNow();
        proposal.Approvals.Add(new ApprovalRow { Actor = actor, Approved = false, Comment = comment, At = now });
        proposal.Status = ProposalStatus.Rejected;
        AuditLog.Record(db, actor, "proposal.rejected", target, new { proposal = proposalId, comment }, team, now);
        await SaveAsync(db, proposalId, cancellation);
    }

    /// <summary>A team member asks to hold a proposal (pending, or approved and not yet executing): nothing executes it until a Curator releases or rejects it.</summary>
    public async Task HoldAsync(long proposalId, string actor, string reason, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ApprovalException("Say why the proposal should be held.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var (proposal, target, team, _) = await OpenAsync(db, proposalId, [ProposalStatus.Pending, ProposalStatus.Approved], "held", cancellation);
        var now = time.GetUtcNow();
        (proposal.Status, proposal.HeldBy, proposal.HeldReason, proposal.HeldAt, proposal.ExecuteAfter) = (ProposalStatus.Held, actor, reason.Trim(), now, null);
        proposal.StatusReason = null;
        AuditLog.Record(db, actor, "proposal.held", target, new { proposal = proposalId, reason = proposal.HeldReason }, team, now);
        await SaveAsync(db, proposalId, cancellation);
    }

    /// <summary>A Curator releases a held proposal: pending again, to be approved afresh (by AutoRun after its notice, or by people).</summary>
    public async Task ReleaseAsync(long proposalId, string actor, string? comment, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var (proposal, target, team, _) = await OpenAsync(db, proposalId, [ProposalStatus.Held], "released", cancellation);
        proposal.Status = ProposalStatus.Pending;
        proposal.Approvals.Clear(); // the approvals before the hold are in the audit log; after it, approving starts again
        AuditLog.Record(db, actor, "proposal.released", target, new { proposal = proposalId, comment, heldBy = proposal.HeldBy, heldReason = proposal.HeldReason }, team);
        await SaveAsync(db, proposalId, cancellation);
    }

    /// <summary>An Admin lets a proposal approved under notice execute now; audited.</summary>
    public async Task OverrideNoticeAsync(long proposalId, string actor, string? comment, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var (proposal, target, team, _) = await OpenAsync(db, proposalId, [ProposalStatus.Approved], "executed before its notice ends", cancellation);
        if (proposal.ExecuteAfter is not { } after)
        {
            throw new ApprovalException($"Proposal {proposalId} does not wait for a notice period.");
        }

        (proposal.ExecuteAfter, proposal.StatusReason) = (null, null);
        AuditLog.Record(db, actor, "proposal.notice-overridden", target, new { proposal = proposalId, comment, noticeEnded = after }, team);
        await SaveAsync(db, proposalId, cancellation);
        await queue.QueueExecutionAsync(proposalId, actor, cancellation);
    }

    private static Task<(ProposalRow Proposal, string Target, string Team, int NoticeHours)> PendingAsync(CuratorDbContext db, long proposalId, CancellationToken cancellation, string? alsoStatus = null) =>
        OpenAsync(db, proposalId, alsoStatus is null ? [ProposalStatus.Pending] : [ProposalStatus.Pending, alsoStatus], "approved or rejected", cancellation);

    private static async Task<(ProposalRow Proposal, string Target, string Team, int NoticeHours)> OpenAsync(
        CuratorDbContext db, long proposalId, string[] statuses, string what, CancellationToken cancellation)
    {
        var proposal = await db.Proposals.Include(row => row.Candidates).Include(row => row.Approvals).Include(row => row.Exclusions)
                           .SingleOrDefaultAsync(row => row.Id == proposalId, cancellation)
                       ?? throw new ApprovalException($"There is no proposal {proposalId}.");
        if (!statuses.Contains(proposal.Status))
        {
            throw new ApprovalException($"Proposal {proposalId} is {proposal.Status.ToLowerInvariant()}; only a {string.Join(" or ", statuses.Select(status => status.ToLowerInvariant()))} proposal can be {what}.");
        }

        var repository = await db.Repositories.AsNoTracking().SingleAsync(row => row.Id == proposal.RepositoryId, cancellation);
        return (proposal, $"{repository.AccountId}/{repository.Region}/{repository.Name}", repository.Team, repository.NoticeHours);
    }

    /// <summary>Saves with the proposal's row version checked, so that of two concurrent decisions one is told it lost.</summary>
    private static async Task SaveAsync(CuratorDbContext db, long proposalId, CancellationToken cancellation)
    {
        var proposal = db.ChangeTracker.Entries<ProposalRow>().Single();
        proposal.Property(row => row.Status).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellation);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ApprovalException($"Proposal {proposalId} was changed by someone else meanwhile (superseded, approved or rejected); look at it again.");
        }
    }
}

/// <summary>Who executes a proposal once it is approved.</summary>
public enum Executor
{
    /// <summary>A job server: the approval queues the execution (the dashboard, AutoRun).</summary>
    JobServer,

    /// <summary>The caller, in its own process, through <see cref="ExecutionService"/> (the <c>approve</c> command, which needs no job server).</summary>
    Caller,
}

/// <summary>An approval or rejection that cannot be made, with a message for the person who tried.</summary>
public sealed class ApprovalException(string message) : Exception(message);
