using EcrCurator.Domain;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>
/// The one door to the job queue: the dashboard, the approvals, AutoRun and the jobs themselves queue executions and
/// snapshots here, restores from the quarantine are followed from here, and they ask here what is waiting or running. Nothing else in the product speaks to Hangfire.
/// </summary>
public sealed class JobQueue(IBackgroundJobClient client, JobStorage storage, IDbContextFactory<CuratorDbContext> contexts, TimeProvider time)
{
    private const int PageSize = 500;

    private static readonly string[] Pending = [EnqueuedState.StateName, ProcessingState.StateName, ScheduledState.StateName, AwaitingState.StateName];

    /// <summary>Runs an approved proposal's execution when the window next allows it: at once (queued) when it is open.</summary>
    /// <param name="actor">Whom the execution acts for: the approver whose approval completed the proposal.</param>
    public async Task QueueExecutionAsync(long proposalId, string actor, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        DateTimeOffset opening;
        await using (var db = await contexts.CreateDbContextAsync(cancellation))
        {
            // Approved under notice: not before the notice ends.
            var after = await db.Proposals.Where(row => row.Id == proposalId).Select(row => row.ExecuteAfter).SingleOrDefaultAsync(cancellation);
            var window = ExecutionWindow.Of(await db.Settings.AsNoTracking().SingleAsync(cancellation));
            opening = window.NextOpening(after > now ? after.Value : now);
        }

        if (opening <= now)
        {
            // Queued, not scheduled for now: scheduled jobs wait for the job server's next poll of its schedule (15 s).
            client.Enqueue<ExecutionJob>(job => job.RunAsync(proposalId, actor, CancellationToken.None));
        }
        else
        {
            client.Schedule<ExecutionJob>(job => job.RunAsync(proposalId, actor, CancellationToken.None), opening);
        }
    }

    /// <summary>Follows restores from the quarantine on a job server until ECR reports the images ACTIVE (<see cref="RestoreJob"/>).</summary>
    public void FollowRestores(RepositoryKey repository, IReadOnlyCollection<string> digests) =>
        client.Enqueue<RestoreJob>(job => job.RunAsync(repository.AccountId, repository.Region, repository.Name, digests.ToArray(), CancellationToken.None));

    /// <summary>Starts a snapshot on a job server.</summary>
    /// <returns>The job's id, to follow it with <see cref="IsWaitingOrRunning"/>.</returns>
    public string QueueSnapshot(string actor) => client.Enqueue<SnapshotJob>(job => job.RunAsync(actor, CancellationToken.None));

    /// <summary>Whether the job is waiting (queued, scheduled) or running.</summary>
    public bool IsWaitingOrRunning(string jobId)
    {
        using var connection = storage.GetConnection();
        return Pending.Contains(connection.GetStateData(jobId)?.Name);
    }

    /// <summary>A snapshot's start queued or running (once it has started, the snapshot's own row says it runs).</summary>
    public bool SnapshotWaitingOrRunning() =>
        WaitingOrRunning().Any(job => job.Type == typeof(SnapshotJob) && job.Method.Name == nameof(SnapshotJob.RunAsync));

    /// <summary>The proposals whose execution is queued, scheduled (for the execution window, or to be retried) or running on a job server.</summary>
    public IReadOnlySet<long> ExecutionsWaitingOrRunning() =>
        WaitingOrRunning()
            .Where(job => job.Type == typeof(ExecutionJob) && job.Method.Name == nameof(ExecutionJob.RunAsync))
            .Select(job => (long)job.Args[0])
            .ToHashSet();

    /// <summary>When the nightly snapshot next runs; null when no job server has registered it.</summary>
    public DateTimeOffset? NextSnapshot()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([SnapshotJob.RecurringId]).FirstOrDefault()?.NextExecution is { } next
            ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc))
            : null;
    }

    /// <summary>When the execution window next opens after <paramref name="now"/> (<paramref name="now"/>, when it is open).</summary>
    internal async Task<DateTimeOffset> NextOpeningAsync(DateTimeOffset now, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        return ExecutionWindow.Of(await db.Settings.AsNoTracking().SingleAsync(cancellation)).NextOpening(now);
    }

    /// <summary>Sends a notification's delivery (an attempt at it) now, or after a retry's backoff.</summary>
    public void QueueDelivery(long deliveryId, TimeSpan after)
    {
        if (after <= TimeSpan.Zero)
        {
            client.Enqueue<NotificationJob>(job => job.DeliverAsync(deliveryId, CancellationToken.None));
        }
        else
        {
            client.Schedule<NotificationJob>(job => job.DeliverAsync(deliveryId, CancellationToken.None), after);
        }
    }

    /// <summary>AutoRun over a snapshot's proposals again at <paramref name="at"/> (when a notice period ends).</summary>
    public void QueueAutoRun(long snapshotId, DateTimeOffset at) =>
        client.Schedule<ExecutionJob>(job => job.AutoRunAsync(snapshotId, CancellationToken.None), at);

    internal void QueueSourceRead(long snapshotId, string accountId, string region) =>
        client.Enqueue<SnapshotJob>(job => job.ReadSourceAsync(snapshotId, accountId, region, CancellationToken.None));

    internal void QueueSettle(long snapshotId) => client.Enqueue<SnapshotJob>(job => job.SettleAsync(snapshotId, CancellationToken.None));

    internal void QueueAfterSnapshot(long snapshotId) => client.Enqueue<ExecutionJob>(job => job.AfterSnapshotAsync(snapshotId, CancellationToken.None));

    /// <summary>Every job queued (fetched by a server or not), scheduled or processing.</summary>
    private List<Job> WaitingOrRunning()
    {
        var monitoring = storage.GetMonitoringApi();
        var queues = monitoring.Queues().Select(queue => queue.Name).ToList();
        return
        [
            .. queues.SelectMany(queue => Pages<EnqueuedJobDto>((from, count) => monitoring.EnqueuedJobs(queue, from, count), job => job.Job)),
            .. queues.SelectMany(queue => Pages<FetchedJobDto>((from, count) => monitoring.FetchedJobs(queue, from, count), job => job.Job)),
            .. Pages<ScheduledJobDto>(monitoring.ScheduledJobs, job => job.Job),
            .. Pages<ProcessingJobDto>(monitoring.ProcessingJobs, job => job.Job),
        ];
    }

    private static IEnumerable<Job> Pages<T>(Func<int, int, JobList<T>> page, Func<T, Job?> job)
    {
        for (var from = 0; ; from += PageSize)
        {
            var jobs = page(from, PageSize);
            foreach (var found in jobs.Select(item => job(item.Value)).OfType<Job>())
            {
                yield return found;
            }

            if (jobs.Count < PageSize)
            {
                yield break;
            }
        }
    }
}
