using EcrCurator.Infrastructure.Execution;
using Hangfire;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>Executes an approved proposal; after a snapshot, approves and executes what AutoRun may.</summary>
public sealed class ExecutionJob(ExecutionService executions, AutoRun autoRun, IBackgroundJobClient jobs)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(long proposalId, string actor, CancellationToken cancellation) => executions.ExecuteAsync(proposalId, actor, cancellation);

    public async Task AutoRunAsync(long snapshotId, CancellationToken cancellation)
    {
        foreach (var proposal in await autoRun.ApproveAsync(snapshotId, cancellation))
        {
            jobs.Enqueue<ExecutionJob>(job => job.RunAsync(proposal, Persistence.AuditLog.System, CancellationToken.None));
        }
    }
}
