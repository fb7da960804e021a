using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// Executes an approved proposal, one batch at a time, each re-checked against live AWS just before it is sent
/// (<see cref="ExecutionRun"/>). Resumable: outcomes already recorded are kept, the rest is checked and done again.
/// An error is audited (<c>execution.failed</c>): a transient one leaves the proposal approved and resumable, any
/// other ends it failed with the reason.
/// </summary>
public sealed class ExecutionService(
    IDbContextFactory<CuratorDbContext> contexts,
    LiveCheck live,
    AwsConnections connections,
    IOptions<AwsOptions> aws,
    IOptions<ExecutionOptions> options,
    TimeProvider time,
    CuratorMetrics metrics,
    Notifier notifier,
    ILogger<ExecutionService> logger)
{
    /// <summary>The first key of the advisory lock an execution holds (the second is the proposal): two never run at once.</summary>
    public const int LockSpace = 0x45637243; // "EcrC"

    /// <summary>Why an execution did not run or stopped while the kill switch is on (its proposal's status reason ends so).</summary>
    public static readonly string KillSwitchReason = StatusNotes.KillSwitch.English;

    public async Task<ProposalRow> ExecuteAsync(long proposalId, string actor, CancellationToken cancellation)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ProposalId"] = proposalId, ["Actor"] = actor });
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        await using var held = await AdvisoryLock.TryTakeAsync(db.Database.GetConnectionString()!, [LockSpace, (int)proposalId], cancellation)
                               ?? throw new ExecutionRefusedException($"Proposal {proposalId} is already being executed.");
        try
        {
            return await ExecuteLockedAsync(db, proposalId, actor, cancellation);
        }
        catch (Exception error) when (error is not ExecutionRefusedException)
        {
            // A transient error is thrown on, so that a job retries it; any other ends the proposal failed.
            if (await RecordFailureAsync(proposalId, actor, error) is { Status: ProposalStatus.Failed } failed)
            {
                await notifier.ExecutionEndedAsync(proposalId, CancellationToken.None);
                return failed;
            }

            throw;
        }
    }

    private async Task<ProposalRow> ExecuteLockedAsync(CuratorDbContext db, long proposalId, string actor, CancellationToken cancellation)
    {
        var proposal = await db.Proposals.Include(row => row.Candidates).Include(row => row.Exclusions).SingleAsync(row => row.Id == proposalId, cancellation);
        if (proposal.Status is not (ProposalStatus.Approved or ProposalStatus.Executing))
        {
            throw new ExecutionRefusedException($"Proposal {proposalId} is {proposal.Status.ToLowerInvariant()}; only an approved proposal is executed.");
        }

        if (proposal.ExecuteAfter is { } after && after > time.GetUtcNow())
        {
            throw new ExecutionRefusedException($"Proposal {proposalId} was approved under notice: it executes after {after:yyyy-MM-dd HH:mm} UTC (a job server runs it then), unless an Admin overrides.");
        }

        var row = await db.Repositories.AsNoTracking().SingleAsync(repository => repository.Id == proposal.RepositoryId, cancellation);
        var repository = new RepositoryKey(row.AccountId, row.Region, row.Name);
        var execution = new ExecutionRun(db, proposal, repository, row.Team, actor, live, options.Value, time, metrics);
        if (execution.Halt(await db.Settings.AsNoTracking().SingleAsync(cancellation)) is { } refusal)
        {
            proposal.StatusReason = refusal;
            execution.Audit("execution.refused", new { proposal = proposalId, reason = refusal });
            await db.SaveChangesAsync(cancellation);
            return proposal;
        }

        proposal.Status = ProposalStatus.Executing;
        proposal.StatusReason = null;
        execution.Audit("execution.started", new { proposal = proposalId });
        await db.SaveChangesAsync(cancellation);

        var client = connections.Client(aws.Value.Target(repository.AccountId, repository.Region), AwsService.Ecr);
        var ecr = new BatchCalls(new BatchDeletion(client, repository.Name), new BatchArchive(client, repository.Name, aws.Value.Aws.MaxConcurrency));
        if (!await execution.RunAsync(ecr, cancellation))
        {
            // Stopped by the kill switch or the execution window: approved again, resumes later. The team hears of the kill switch.
            if (proposal.StatusReason?.EndsWith(KillSwitchReason, StringComparison.Ordinal) == true)
            {
                await notifier.ExecutionEndedAsync(proposalId, CancellationToken.None);
            }

            return proposal;
        }

        var finished = await execution.FinishAsync(cancellation);
        logger.LogInformation("Proposal {ProposalId} {Status}: {Deleted} bytes deleted, {Archived} archived", proposal.Id, proposal.Status, proposal.DeletedBytes, proposal.ArchivedBytes);
        await notifier.ExecutionEndedAsync(proposalId, CancellationToken.None);
        return finished;
    }

    /// <summary>
    /// Audits an error that ended an execution and leaves its proposal resumable (transient: AWS throttling or 5xx past
    /// the retries, a lost database connection, shutdown) or failed with the reason; never silently executing.
    /// </summary>
    private async Task<ProposalRow?> RecordFailureAsync(long proposalId, string actor, Exception error)
    {
        var transient = ExecutionFailure.IsTransient(error);
        logger.LogError(error, "The execution of proposal {ProposalId} stopped ({Kind})", proposalId, transient ? "transient, resumable" : "failed");
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var proposal = await db.Proposals.SingleAsync(row => row.Id == proposalId, CancellationToken.None);
            var repository = await db.Repositories.AsNoTracking().SingleAsync(row => row.Id == proposal.RepositoryId, CancellationToken.None);
            var reason = ExecutionFailure.Describe(error);
            (proposal.Status, proposal.StatusReason) = transient
                ? (ProposalStatus.Approved, StatusNotes.Interrupted.Format(reason))
                : (ProposalStatus.Failed, StatusNotes.Failed.Format(reason));
            AuditLog.Record(
                db, actor, "execution.failed", new RepositoryKey(repository.AccountId, repository.Region, repository.Name).ToString(),
                new { proposal = proposalId, error = reason, resumable = transient }, repository.Team);
            await db.SaveChangesAsync(CancellationToken.None);
            return proposal;
        }
        catch (Exception unrecorded)
        {
            // The database itself is gone: the proposal stays executing, and is queued again when the job server restarts.
            logger.LogError(unrecorded, "The failure of proposal {ProposalId}'s execution could not be recorded", proposalId);
            return null;
        }
    }
}

/// <summary>An execution that may not start, with the reason.</summary>
public sealed class ExecutionRefusedException(string message) : Exception(message);
