using EcrCurator.Infrastructure.Snapshots;
using Hangfire;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>
/// The nightly snapshot (SPEC 4) as jobs: one starts it and fans out a job per account-region, so that several job
/// servers share the work; the last of those settles it, and executions follow. Each job is safe to run again, by
/// another server when its own died.
/// </summary>
public sealed class SnapshotJob(SnapshotService snapshots, JobQueue queue)
{
    public const string RecurringId = "nightly-snapshot";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string startedBy, CancellationToken cancellation)
    {
        var snapshot = await snapshots.StartAsync(startedBy, cancellation);
        foreach (var source in snapshot.Sources)
        {
            queue.QueueSourceRead(snapshot.Id, source.AccountId, source.Region);
        }
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task ReadSourceAsync(long snapshotId, string accountId, string region, CancellationToken cancellation)
    {
        if (await snapshots.ReadSourceAsync(snapshotId, accountId, region, cancellation))
        {
            queue.QueueSettle(snapshotId);
        }
    }

    /// <remarks>Not retried: a settle that fails marks its snapshot failed, with the reason, for a person to see.</remarks>
    [AutomaticRetry(Attempts = 0)]
    public async Task SettleAsync(long snapshotId, CancellationToken cancellation)
    {
        try
        {
            await snapshots.SettleAsync(snapshotId, cancellation);
        }
        finally
        {
            queue.QueueAfterSnapshot(snapshotId);
        }
    }
}
