using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>
/// Queues again the executions nothing would run: approved proposals without an execution waiting or running, and
/// executions left <c>Executing</c> by a process that died (no job waits for them and no process holds their lock),
/// each under the name of the approver whose approval completed the proposal, audited as <c>execution.requeued</c>.
/// It runs when a job server starts, after every snapshot and when the kill switch is turned off; while the switch
/// is on, nothing is queued (what it holds stays held). A proposal scheduled for the execution window is waiting.
/// </summary>
public sealed class ExecutionRecovery(IDbContextFactory<CuratorDbContext> contexts, JobQueue queue, TimeProvider time, ILogger<ExecutionRecovery> logger) : IHostedService
{
    /// <summary>
    /// The advisory lock two recoveries take in turn, so that the second sees what the first queued ("EcrCur" + 3; + 0 is
    /// the migrations', + 1 the snapshot's, + 2 the audit chain's head, taken by every audit insert).
    /// </summary>
    public const long LockKey = 0x4563_7243_7572_0003;

    /// <returns>The proposals queued again.</returns>
    public async Task<IReadOnlyList<long>> RequeueAsync(string reason, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var connection = db.Database.GetConnectionString()!;
        await using var _ = await AdvisoryLock.TakeAsync(connection, [LockKey], cancellation);
        if (await db.Settings.AsNoTracking().Select(settings => settings.KillSwitch).SingleAsync(cancellation))
        {
            return [];
        }

        var open = await (from proposal in db.Proposals
                          where proposal.Status == ProposalStatus.Approved || proposal.Status == ProposalStatus.Executing
                          join repository in db.Repositories on proposal.RepositoryId equals repository.Id
                          orderby proposal.Id
                          select new
                          {
                              proposal.Id, proposal.Status, Target = repository.AccountId + "/" + repository.Region + "/" + repository.Name, repository.Team,
                              Approver = db.Approvals.Where(approval => approval.ProposalId == proposal.Id && approval.Approved)
                                  .OrderByDescending(approval => approval.At).ThenByDescending(approval => approval.Id).Select(approval => approval.Actor).FirstOrDefault(),
                          }).ToListAsync(cancellation);
        if (open.Count == 0)
        {
            return [];
        }

        var waiting = queue.ExecutionsWaitingOrRunning();
        var running = await AdvisoryLock.HeldAsync(connection, ExecutionService.LockSpace, cancellation);
        var requeued = new List<long>();
        foreach (var proposal in open.Where(proposal => !waiting.Contains(proposal.Id) && !running.Contains((int)proposal.Id)))
        {
            var actor = proposal.Approver ?? AuditLog.System;
            AuditLog.Record(db, AuditLog.System, "execution.requeued", proposal.Target, new { proposal = proposal.Id, proposal.Status, actor, reason }, proposal.Team, time.GetUtcNow());
            await db.SaveChangesAsync(cancellation);
            await queue.QueueExecutionAsync(proposal.Id, actor, cancellation);
            requeued.Add(proposal.Id);
        }

        if (requeued.Count > 0)
        {
            logger.LogInformation("Queued again the executions of proposals {Proposals} ({Reason})", requeued, reason);
        }

        return requeued;
    }

    /// <summary>On a job server's start; a failure is logged, not fatal (the next snapshot tries again).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RequeueAsync("a job server started", cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Could not queue again the executions nothing would run; the next snapshot tries again");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
