using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>
/// Executes approved proposals in the execution window: at once when it is open, else when it next opens (and again
/// when it closed during a run); after a snapshot, approves and executes what AutoRun may.
/// </summary>
public sealed class ExecutionJob(ExecutionService executions, AutoRun autoRun, IDbContextFactory<CuratorDbContext> contexts, IBackgroundJobClient jobs, TimeProvider time)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long proposalId, string actor, CancellationToken cancellation)
    {
        var proposal = await executions.ExecuteAsync(proposalId, actor, cancellation);
        if (proposal.Status == ProposalStatus.Approved && await WindowAsync(cancellation) is { } window && !window.IsOpen(time.GetUtcNow()))
        {
            await ScheduleAsync(proposalId, actor, cancellation);
        }
    }

    public async Task AutoRunAsync(long snapshotId, CancellationToken cancellation)
    {
        foreach (var proposal in await autoRun.ApproveAsync(snapshotId, cancellation))
        {
            await ScheduleAsync(proposal, AuditLog.System, cancellation);
        }
    }

    /// <summary>Runs an approved proposal's execution when the window next allows it: at once (queued) when it is open.</summary>
    public async Task ScheduleAsync(long proposalId, string actor, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var opening = (await WindowAsync(cancellation)).NextOpening(now);
        if (opening <= now)
        {
            // Queued, not scheduled for now: scheduled jobs wait for the job server's next poll of its schedule (15 s).
            jobs.Enqueue<ExecutionJob>(job => job.RunAsync(proposalId, actor, CancellationToken.None));
        }
        else
        {
            jobs.Schedule<ExecutionJob>(job => job.RunAsync(proposalId, actor, CancellationToken.None), opening);
        }
    }

    private async Task<ExecutionWindow> WindowAsync(CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        return ExecutionWindow.Of(await db.Settings.AsNoTracking().SingleAsync(cancellation));
    }
}
