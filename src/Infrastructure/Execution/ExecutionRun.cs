using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Snapshots;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// One execution of an approved proposal, batch by batch. Before each batch the repository and (when the last read is
/// older than <c>Curator:Execution:MaxUsageAgeSeconds</c>) usage are read again, and the engine decides the whole
/// repository with everything that stays held — what is not a candidate, an exclusion, anything skipped or failed —
/// until no verdict changes, so that what hangs on a kept image stays too (<c>skipped-kept</c>) and is never sent to
/// AWS. Every image's intent is audited before the call and its outcome after. Deletions go first (indexes before
/// their children), then the candidates to quarantine are archived (what hangs on an image before it); what the
/// execution archived is recorded as quarantined.
/// </summary>
internal sealed class ExecutionRun(
    CuratorDbContext db, ProposalRow proposal, RepositoryKey repository, string team, string actor,
    LiveCheck live, ExecutionOptions options, TimeProvider time, CuratorMetrics metrics)
{
    /// <summary>How many usage reads in a row may be too old by the time their batch would be sent.</summary>
    private const int StaleReadsAllowed = 3;

    private readonly string target = repository.ToString();
    private readonly Dictionary<string, string> outcomes = [];

    /// <returns>False when the kill switch or the execution window stopped it (the proposal is approved again).</returns>
    public async Task<bool> RunAsync(BatchCalls ecr, CancellationToken cancellation)
    {
        foreach (var outcome in await db.ExecutionOutcomes.Where(outcome => outcome.ProposalId == proposal.Id).ToListAsync(cancellation))
        {
            outcomes[outcome.Digest] = outcome.Outcome;
        }

        var excluded = proposal.Exclusions.Select(exclusion => exclusion.Digest).ToHashSet(StringComparer.Ordinal);
        Pending().Where(candidate => excluded.Contains(candidate.Digest)).ToList().ForEach(candidate => Record(candidate, Outcomes.Excluded, null));
        await db.SaveChangesAsync(cancellation);

        for (var staleReads = 0; Pending().Any();)
        {
            var settings = await db.Settings.AsNoTracking().SingleAsync(cancellation);
            if (Halt(settings) is { } stop)
            {
                proposal.Status = ProposalStatus.Approved;
                proposal.StatusReason = StatusNotes.Stopped.Format(stop);
                Audit("execution.stopped", new { proposal = proposal.Id, reason = stop });
                await db.SaveChangesAsync(cancellation);
                return false;
            }

            var world = await live.ReadAsync(repository, db, cancellation);
            if (world.UnverifiedReason is { } unverified)
            {
                EndPending(Outcomes.SkippedUnverified, unverified);
                break;
            }

            var batch = Settle(world);
            await db.SaveChangesAsync(cancellation);
            if (batch.Count == 0)
            {
                continue;
            }

            batch.ForEach(candidate => Audit(
                candidate.IsQuarantine ? "image.archive-intent" : "image.delete-intent", $"{target}@{candidate.Digest}", ImageAudit.Of(proposal.Id, candidate) with { DryRun = settings.DryRun }));
            await db.SaveChangesAsync(cancellation);
            if (time.GetUtcNow() - world.UsageReadAt > options.MaxUsageAge)
            {
                if (++staleReads == StaleReadsAllowed)
                {
                    EndPending(Outcomes.SkippedUnverified, $"Usage was read {StaleReadsAllowed} times in a row and each time it was older than {ExecutionOptions.Section}:MaxUsageAgeSeconds ({options.MaxUsageAgeSeconds} s) before the batch could be sent.");
                    break;
                }

                continue;
            }

            staleReads = 0;
            var sent = await ecr.SendAsync(batch, settings.DryRun, cancellation);
            foreach (var (candidate, outcome, error) in sent.Outcomes)
            {
                Record(candidate, outcome, error);
            }

            await db.SaveChangesAsync(cancellation);
            sent.ThrowIfInterrupted();
        }

        await db.SaveChangesAsync(cancellation);
        return true;
    }

    /// <summary>
    /// Ends every pending candidate the live decision no longer deletes, holding each as it ends, until no verdict
    /// changes; returns the next batch of what is still to go: deletions first (indexes before their children), then
    /// what is to be archived (what hangs on an image before it).
    /// </summary>
    private List<ProposalCandidateRow> Settle(LiveWorld world)
    {
        var pending = Pending().ToDictionary(candidate => candidate.Digest, StringComparer.Ordinal);
        var held = world.Repository!.Images.Select(image => image.Digest)
            .Where(digest => !pending.ContainsKey(digest) && outcomes.GetValueOrDefault(digest) is not (Outcomes.Deleted or Outcomes.DryRun))
            .ToHashSet(StringComparer.Ordinal);
        RepositoryPlan plan;
        bool changed;
        do
        {
            changed = false;
            plan = world.Decide(held);
            foreach (var candidate in pending.Values.ToList())
            {
                if (Verdict.Of(candidate, plan) is { } outcome)
                {
                    Record(candidate, outcome, null);
                    pending.Remove(candidate.Digest);
                    held.Add(candidate.Digest);
                    changed = true;
                }
            }
        }
        while (changed);

        var images = plan.Images.Where(image => pending.ContainsKey(image.Image.Digest)).Select(image => image.Image).ToList();
        var deletions = images.Where(image => !pending[image.Digest].IsQuarantine).ToList();
        var next = deletions.Count > 0 ? DeletionOrder.Batches(deletions).FirstOrDefault() : ArchiveOrder.Batches(images, world.Repository.Images).FirstOrDefault();
        return next is { } first ? [.. first.Select(image => pending[image.Digest])] : [];
    }

    public async Task<ProposalRow> FinishAsync(CancellationToken cancellation)
    {
        var recorded = await db.ExecutionOutcomes.Where(outcome => outcome.ProposalId == proposal.Id).ToListAsync(cancellation);
        var gone = recorded.Count(outcome => outcome.Outcome is Outcomes.Deleted or Outcomes.Archived or Outcomes.AlreadyGone or Outcomes.DryRun);
        var unverified = recorded.FirstOrDefault(outcome => outcome.Outcome == Outcomes.SkippedUnverified);
        var failed = recorded.Where(outcome => outcome.Outcome == Outcomes.Failed).ToList();
        var skipped = recorded.Count(outcome => outcome.Outcome.StartsWith("skipped-", StringComparison.Ordinal));
        (proposal.Status, proposal.StatusReason) = (unverified, failed.Count, skipped, gone) switch
        {
            ({ } first, _, _, 0) => (ProposalStatus.Failed, $"Nothing was deleted or archived: {first.Error}"),
            (_, > 0, _, _) => (ProposalStatus.PartiallyExecuted, $"{failed.Count} could not be deleted or archived; first: {failed[0].Error}"),
            (_, _, > 0, _) => (ProposalStatus.PartiallyExecuted, $"{skipped} skipped: the live re-check found them changed, in use, pinned, kept or unverified"),
            _ => (ProposalStatus.Executed, null),
        };
        proposal.DeletedBytes = recorded.Where(outcome => outcome.Outcome == Outcomes.Deleted).Sum(outcome => outcome.SizeBytes);
        proposal.ArchivedBytes = recorded.Where(outcome => outcome.Outcome == Outcomes.Archived).Sum(outcome => outcome.SizeBytes);
        proposal.ExecutedAt = time.GetUtcNow();
        await EndQuarantinesAsync([.. recorded.Where(outcome => outcome.Outcome is Outcomes.Deleted or Outcomes.AlreadyGone).Select(outcome => outcome.Digest)], cancellation);
        await MarkGoneAsync([.. recorded.Where(outcome => outcome.Outcome is Outcomes.Deleted or Outcomes.AlreadyGone).Select(outcome => outcome.Digest)], cancellation);
        await MarkArchivedAsync([.. recorded.Where(outcome => outcome.Outcome == Outcomes.Archived).Select(outcome => outcome.Digest)], cancellation);
        Audit("execution.finished", new { proposal = proposal.Id, proposal.Status, proposal.StatusReason, proposal.DeletedBytes, proposal.ArchivedBytes });
        await db.SaveChangesAsync(cancellation);
        await StandingDecisions.RestateAsync(db, proposal.RepositoryId, time.GetUtcNow(), cancellation); // the figures without what went
        return proposal;
    }

    /// <summary>Why no deletion may run now: the kill switch, or the execution window being closed; null when they may.</summary>
    public string? Halt(SettingsRow settings)
    {
        if (settings.KillSwitch)
        {
            return ExecutionService.KillSwitchReason;
        }

        var window = ExecutionWindow.Of(settings);
        var now = time.GetUtcNow();
        return window.IsOpen(now) ? null : StatusNotes.OutsideWindow.Format(window, StatusNotes.Time(window.NextOpening(now)));
    }

    public void Audit(string action, object details) => Audit(action, target, details);

    private void Audit(string action, string entryTarget, object details) => AuditLog.Record(db, actor, action, entryTarget, details, team, time.GetUtcNow());

    private IEnumerable<ProposalCandidateRow> Pending() => proposal.Candidates.Where(candidate => !outcomes.ContainsKey(candidate.Digest));

    private void EndPending(string outcome, string reason) => Pending().ToList().ForEach(candidate => Record(candidate, outcome, reason));

    /// <summary>The quarantine of an image this execution deleted (or found gone) is over.</summary>
    private async Task EndQuarantinesAsync(string[] digests, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        await db.Quarantines
            .Where(quarantine => quarantine.AccountId == repository.AccountId && quarantine.Region == repository.Region && quarantine.Repository == repository.Name
                                 && quarantine.DeletedAt == null && digests.Contains(quarantine.Digest))
            .ExecuteUpdateAsync(setters => setters.SetProperty(quarantine => quarantine.DeletedAt, now), cancellation);
    }

    /// <summary>
    /// Until the next snapshot reads them, the images this execution archived show so (and can be restored at once): kept
    /// in the archive, no longer candidates (SPEC 4: an archived image is no candidate until its quarantine is over).
    /// </summary>
    private async Task MarkArchivedAsync(string[] digests, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        await db.Images.Where(image => image.RepositoryId == proposal.RepositoryId && image.Status == Aws.Ecr.EcrStorage.Active && digests.Contains(image.Digest))
            .ExecuteUpdateAsync(
                setters => setters.SetProperty(image => image.Status, Aws.Ecr.EcrStorage.Archived).SetProperty(image => image.LastArchivedAt, now)
                    .SetProperty(image => image.Decision, "keep").SetProperty(image => image.Action, (string?)null),
                cancellation);
    }

    /// <summary>The images this execution deleted (or found gone) leave the stored images at once, not at the next snapshot.</summary>
    private async Task MarkGoneAsync(string[] digests, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        await db.Images.Where(image => image.RepositoryId == proposal.RepositoryId && image.GoneAt == null && digests.Contains(image.Digest))
            .ExecuteUpdateAsync(setters => setters.SetProperty(image => image.GoneAt, now), cancellation);
    }

    private void Record(ProposalCandidateRow candidate, string outcome, string? error)
    {
        outcomes[candidate.Digest] = outcome;
        db.ExecutionOutcomes.Add(new ExecutionOutcomeRow { ProposalId = proposal.Id, Digest = candidate.Digest, Outcome = outcome, Error = error, SizeBytes = candidate.SizeBytes, At = time.GetUtcNow() });
        if (outcome == Outcomes.Archived)
        {
            db.Quarantines.Add(new QuarantineRow
            {
                AccountId = repository.AccountId, Region = repository.Region, Repository = repository.Name, Digest = candidate.Digest, Tags = candidate.Tags,
                SizeBytes = candidate.SizeBytes, ProposalId = proposal.Id, ArchivedAt = time.GetUtcNow(), ArchivedBy = actor,
            });
        }

        Audit($"image.{outcome}", $"{target}@{candidate.Digest}", ImageAudit.Of(proposal.Id, candidate) with { Error = error });
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
}
