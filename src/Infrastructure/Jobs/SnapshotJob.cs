using EcrCurator.Infrastructure.Snapshots;
using Hangfire;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>
/// The nightly snapshot (SPEC 4) as jobs: one starts it and fans out a job per account-region, so that several job
/// servers share the work; the last of those settles it. Each job is safe to run again.
/// </summary>
public sealed class SnapshotJob(SnapshotService snapshots, IBackgroundJobClient jobs)
{
    public const string RecurringId = "nightly-snapshot";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string startedBy, CancellationToken cancellation)
    {
        var snapshot = await snapshots.StartAsync(startedBy, cancellation);
        foreach (var source in snapshot.Sources)
        {
            jobs.Enqueue<SnapshotJob>(job => job.ReadSourceAsync(snapshot.Id, source.AccountId, source.Region, CancellationToken.None));
        }
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task ReadSourceAsync(long snapshotId, string accountId, string region, CancellationToken cancellation)
    {
        if (await snapshots.ReadSourceAsync(snapshotId, accountId, region, cancellation))
        {
            jobs.Enqueue<SnapshotJob>(job => job.SettleAsync(snapshotId, CancellationToken.None));
        }
    }

    /// <remarks>Not retried: a settle that fails marks its snapshot failed, with the reason, for a person to see.</remarks>
    [AutomaticRetry(Attempts = 0)]
    public async Task SettleAsync(long snapshotId, CancellationToken cancellation)
    {
        if ((await snapshots.SettleAsync(snapshotId, cancellation)).Status == "Complete")
        {
            jobs.Enqueue<ExecutionJob>(job => job.AutoRunAsync(snapshotId, CancellationToken.None));
        }
    }
}
