using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecr;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// Executes an approved proposal: re-checks every candidate against live AWS, deletes what may still go (indexes
/// before their children, at most 100 per call), and records each image's outcome, with the intent in the audit log
/// before AWS is called. Resumable: outcomes already recorded are kept, the rest is checked and done again.
/// </summary>
public sealed class ExecutionService(
    IDbContextFactory<CuratorDbContext> contexts, LiveCheck live, AwsConnections connections, IOptions<AwsOptions> aws, TimeProvider time, CuratorMetrics metrics, ILogger<ExecutionService> logger)
{
    /// <summary>The first key of the advisory lock an execution holds (the second is the proposal): two never run at once.</summary>
    public const int LockSpace = 0x45637243; // "EcrC"

    /// <summary>Why an execution did not run or stopped while the kill switch is on (its proposal's status reason ends so).</summary>
    public const string KillSwitchReason = "the kill switch is on; the execution resumes when it is off.";

    public async Task<ProposalRow> ExecuteAsync(long proposalId, string actor, CancellationToken cancellation)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ProposalId"] = proposalId, ["Actor"] = actor });
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        await using var held = await AdvisoryLock.TryTakeAsync(db.Database.GetConnectionString()!, [LockSpace, (int)proposalId], cancellation)
                               ?? throw new ExecutionRefusedException($"Proposal {proposalId} is already being executed.");
        return await ExecuteLockedAsync(db, proposalId, actor, cancellation);
    }

    private async Task<ProposalRow> ExecuteLockedAsync(CuratorDbContext db, long proposalId, string actor, CancellationToken cancellation)
    {
        var proposal = await db.Proposals.Include(row => row.Candidates).Include(row => row.Exclusions).SingleAsync(row => row.Id == proposalId, cancellation);
        if (proposal.Status is not (ProposalStatus.Approved or ProposalStatus.Executing))
        {
            throw new ExecutionRefusedException($"Proposal {proposalId} is {proposal.Status.ToLowerInvariant()}; only an approved proposal is executed.");
        }

        var row = await db.Repositories.AsNoTracking().SingleAsync(repository => repository.Id == proposal.RepositoryId, cancellation);
        var repository = new RepositoryKey(row.AccountId, row.Region, row.Name);
        var target = repository.ToString();
        var team = row.Team;
        if (Halt(await db.Settings.AsNoTracking().SingleAsync(cancellation)) is { } refusal)
        {
            proposal.StatusReason = refusal;
            AuditLog.Record(db, actor, "execution.refused", target, new { proposal = proposalId, reason = refusal }, team);
            await db.SaveChangesAsync(cancellation);
            return proposal;
        }

        proposal.Status = ProposalStatus.Executing;
        AuditLog.Record(db, actor, "execution.started", target, new { proposal = proposalId }, team);
        await db.SaveChangesAsync(cancellation);

        var finished = (await db.ExecutionOutcomes.Where(outcome => outcome.ProposalId == proposalId).Select(outcome => outcome.Digest).ToListAsync(cancellation)).ToHashSet();
        var excluded = proposal.Exclusions.Select(exclusion => exclusion.Digest).ToHashSet();
        var todo = proposal.Candidates.Where(candidate => !excluded.Contains(candidate.Digest) && !finished.Contains(candidate.Digest)).ToList();
        var (plan, unverified) = await live.DecideAsync(repository, db, cancellation);
        if (plan is null)
        {
            todo.ForEach(candidate => Record(db, actor, proposalId, target, team, candidate, Outcomes.SkippedUnverified, unverified));
            await db.SaveChangesAsync(cancellation);
            return await FinishAsync(db, proposal, actor, target, team, cancellation);
        }

        var deletions = new List<ProposalCandidateRow>();
        foreach (var candidate in todo)
        {
            if (Verdict.Of(candidate, plan) is { } outcome)
            {
                Record(db, actor, proposalId, target, team, candidate, outcome, null);
            }
            else
            {
                deletions.Add(candidate);
            }
        }

        await db.SaveChangesAsync(cancellation);
        var images = plan.Images.ToDictionary(image => image.Image.Digest, image => image.Image);
        var ecr = new EcrClient(connections.Client(aws.Value.Target(repository.AccountId, repository.Region), AwsService.Ecr));
        foreach (var batch in DeletionOrder.Batches([.. deletions.Select(candidate => images[candidate.Digest])]))
        {
            var settings = await db.Settings.AsNoTracking().SingleAsync(cancellation);
            if (Halt(settings) is { } stop)
            {
                proposal.Status = ProposalStatus.Approved;
                proposal.StatusReason = $"Stopped: {stop}";
                AuditLog.Record(db, actor, "execution.stopped", target, new { proposal = proposalId, reason = stop }, team);
                await db.SaveChangesAsync(cancellation);
                return proposal;
            }

            var candidates = batch.Select(image => deletions.Single(candidate => candidate.Digest == image.Digest)).ToList();
            candidates.ForEach(candidate => AuditLog.Record(db, actor, "image.delete-intent", $"{target}@{candidate.Digest}", ImageAudit.Of(proposalId, candidate) with { DryRun = settings.DryRun }, team));
            await db.SaveChangesAsync(cancellation);
            foreach (var (candidate, outcome, error) in await DeleteAsync(ecr, repository.Name, candidates, settings.DryRun, cancellation))
            {
                Record(db, actor, proposalId, target, team, candidate, outcome, error);
            }

            await db.SaveChangesAsync(cancellation);
        }

        return await FinishAsync(db, proposal, actor, target, team, cancellation);
    }

    private static async Task<IEnumerable<(ProposalCandidateRow Candidate, string Outcome, string? Error)>> DeleteAsync(
        EcrClient ecr, string repository, List<ProposalCandidateRow> candidates, bool dryRun, CancellationToken cancellation)
    {
        if (dryRun)
        {
            return candidates.Select(candidate => (candidate, Outcomes.DryRun, (string?)null));
        }

        try
        {
            var answer = await ecr.BatchDeleteImageAsync(repository, [.. candidates.Select(candidate => candidate.Digest)], cancellation);
            var failures = (answer.Failures ?? []).Where(failure => failure.ImageId?.ImageDigest is not null).ToDictionary(failure => failure.ImageId!.ImageDigest!);
            return candidates.Select(candidate => failures.TryGetValue(candidate.Digest, out var failure)
                ? (candidate, failure.FailureCode == "ImageNotFound" ? Outcomes.AlreadyGone : Outcomes.Failed, $"{failure.FailureCode}: {failure.FailureReason}")
                : (candidate, Outcomes.Deleted, (string?)null));
        }
        catch (AwsException error)
        {
            return candidates.Select(candidate => (candidate, Outcomes.Failed, (string?)error.Message));
        }
    }

    private async Task<ProposalRow> FinishAsync(CuratorDbContext db, ProposalRow proposal, string actor, string target, string team, CancellationToken cancellation)
    {
        var outcomes = await db.ExecutionOutcomes.Where(outcome => outcome.ProposalId == proposal.Id).ToListAsync(cancellation);
        var gone = outcomes.Count(outcome => outcome.Outcome is Outcomes.Deleted or Outcomes.AlreadyGone or Outcomes.DryRun);
        var unverified = outcomes.FirstOrDefault(outcome => outcome.Outcome == Outcomes.SkippedUnverified);
        var failed = outcomes.Where(outcome => outcome.Outcome == Outcomes.Failed).ToList();
        var skipped = outcomes.Count(outcome => outcome.Outcome.StartsWith("skipped-", StringComparison.Ordinal));
        (proposal.Status, proposal.StatusReason) = (unverified, failed.Count, skipped, gone) switch
        {
            ({ } first, _, _, 0) => (ProposalStatus.Failed, $"Nothing was deleted: {first.Error}"),
            (_, > 0, _, _) => (ProposalStatus.PartiallyExecuted, $"{failed.Count} could not be deleted; first: {failed[0].Error}"),
            (_, _, > 0, _) => (ProposalStatus.PartiallyExecuted, $"{skipped} skipped: the live re-check found them changed, in use, pinned or kept"),
            _ => (ProposalStatus.Executed, null),
        };
        proposal.DeletedBytes = outcomes.Where(outcome => outcome.Outcome == Outcomes.Deleted).Sum(outcome => outcome.SizeBytes);
        proposal.ExecutedAt = time.GetUtcNow();
        AuditLog.Record(db, actor, "execution.finished", target, new { proposal = proposal.Id, proposal.Status, proposal.StatusReason, proposal.DeletedBytes }, team);
        await db.SaveChangesAsync(cancellation);
        logger.LogInformation("Proposal {ProposalId} {Status}: {Deleted} bytes deleted", proposal.Id, proposal.Status, proposal.DeletedBytes);
        return proposal;
    }

    private void Record(CuratorDbContext db, string actor, long proposalId, string target, string team, ProposalCandidateRow candidate, string outcome, string? error)
    {
        db.ExecutionOutcomes.Add(new ExecutionOutcomeRow { ProposalId = proposalId, Digest = candidate.Digest, Outcome = outcome, Error = error, SizeBytes = candidate.SizeBytes, At = time.GetUtcNow() });
        AuditLog.Record(db, actor, $"image.{outcome}", $"{target}@{candidate.Digest}", ImageAudit.Of(proposalId, candidate) with { Error = error }, team);
        metrics.ImageHandled(outcome);
    }

    /// <summary>What SPEC 6 records of an image (its repository is the entry's target).</summary>
    private sealed record ImageAudit(long Proposal, string Digest, string[] Tags, long SizeBytes, DateTimeOffset PushedAt)
    {
        public bool? DryRun { get; init; }

        public string? Error { get; init; }

        public static ImageAudit Of(long proposalId, ProposalCandidateRow candidate) =>
            new(proposalId, candidate.Digest, candidate.Tags, candidate.SizeBytes, candidate.PushedAt);
    }

    /// <summary>Why no deletion may run now: the kill switch, or the execution window being closed; null when they may.</summary>
    private string? Halt(SettingsRow settings)
    {
        if (settings.KillSwitch)
        {
            return KillSwitchReason;
        }

        var window = ExecutionWindow.Of(settings);
        var now = time.GetUtcNow();
        return window.IsOpen(now) ? null : $"outside the execution window ({window}); it resumes at {window.NextOpening(now):u}.";
    }
}

/// <summary>An execution that may not start, with the reason.</summary>
public sealed class ExecutionRefusedException(string message) : Exception(message);
