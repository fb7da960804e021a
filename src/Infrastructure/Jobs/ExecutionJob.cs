using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>
/// Executes approved proposals in the execution window: at once when it is open, else when it next opens (and again
/// when it closed during a run); after a snapshot, approves what AutoRun may and queues again what nothing will run.
/// Executions of different proposals run side by side, on any job server: only the proposal is locked (an advisory
/// lock per proposal, taken by <see cref="ExecutionService"/>).
/// </summary>
public sealed class ExecutionJob(
    ExecutionService executions, AutoRun autoRun, Notifier notifier, ExecutionRecovery recovery, JobQueue queue, IDbContextFactory<CuratorDbContext> contexts, TimeProvider time, ILogger<ExecutionJob> logger)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long proposalId, string actor, CancellationToken cancellation)
    {
        ProposalRow proposal;
        try
        {
            proposal = await executions.ExecuteAsync(proposalId, actor, cancellation);
        }
        catch (ExecutionRefusedException refused)
        {
            // Another execution of it runs now (which finishes it), or it ran already: nothing to do here.
            logger.LogInformation("Proposal {ProposalId} not executed by this job: {Reason}", proposalId, refused.Message);
            return;
        }

        var now = time.GetUtcNow();
        if (proposal.Status == ProposalStatus.Approved && await queue.NextOpeningAsync(now, cancellation) > now)
        {
            await queue.QueueExecutionAsync(proposalId, actor, cancellation);
        }
    }

    /// <summary>AutoRun over a complete snapshot's proposals again (when a notice period ended).</summary>
    public async Task AutoRunAsync(long snapshotId, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        if (await db.Snapshots.AnyAsync(snapshot => snapshot.Id == snapshotId && snapshot.Status == SnapshotStatus.Complete, cancellation))
        {
            await autoRun.ApproveAsync(snapshotId, cancellation);
        }
    }

    /// <summary>
    /// After every snapshot: AutoRun (when it is complete), then whatever approved execution nothing will run is queued
    /// again, then its notifications (queued, never waited for).
    /// </summary>
    public async Task AfterSnapshotAsync(long snapshotId, CancellationToken cancellation)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellation))
        {
            if (await db.Snapshots.AnyAsync(snapshot => snapshot.Id == snapshotId && snapshot.Status == SnapshotStatus.Complete, cancellation))
            {
                await autoRun.ApproveAsync(snapshotId, cancellation);
            }
        }

        await recovery.RequeueAsync($"after snapshot {snapshotId}", cancellation);
        await notifier.AfterSnapshotAsync(snapshotId, cancellation);
    }
}
