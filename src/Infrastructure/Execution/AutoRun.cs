using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// After a snapshot, the system approves the pending proposals of AutoRun repositories, unless a guard refuses: more
/// than the configured share of the repository's images or bytes, more than the configured GiB, or every image of
/// the repository. A refused proposal stays pending for a person, with the reason.
/// </summary>
public sealed class AutoRun(IDbContextFactory<CuratorDbContext> contexts, ApprovalService approvals)
{
    private const double BytesPerGib = 1024d * 1024 * 1024;

    /// <returns>The proposals the system approved (their executions are queued).</returns>
    public async Task<IReadOnlyList<long>> ApproveAsync(long snapshotId, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var settings = await db.Settings.AsNoTracking().SingleAsync(cancellation);
        var candidates = await db.Proposals
            .Where(proposal => proposal.Status == ProposalStatus.Pending && proposal.ConfirmedSnapshotId == snapshotId)
            .Join(db.Repositories.Where(repository => repository.Mode == "AutoRun"), proposal => proposal.RepositoryId, repository => repository.Id, (proposal, repository) => new { proposal, repository })
            .ToListAsync(cancellation);
        var approved = new List<long>();
        foreach (var (proposal, repository) in candidates.Select(row => (row.proposal, row.repository)))
        {
            var target = $"{repository.AccountId}/{repository.Region}/{repository.Name}";
            var actions = await db.ProposalCandidates.Where(candidate => candidate.ProposalId == proposal.Id).Select(candidate => candidate.Action).Distinct().ToListAsync(cancellation);
            if (Refusal(proposal, repository, settings, Verb(actions)) is { } reason)
            {
                if (proposal.StatusReason != reason)
                {
                    proposal.StatusReason = reason;
                    AuditLog.Record(db, AuditLog.System, "autorun.refused", target, new { proposal = proposal.Id, reason }, repository.Team);
                    await db.SaveChangesAsync(cancellation);
                }

                continue;
            }

            await approvals.ApproveAsync(proposal.Id, AuditLog.System, "AutoRun", [], cancellation);
            approved.Add(proposal.Id);
        }

        return approved;
    }

    /// <summary>What executing the proposal does to its candidates, in a refusal's words.</summary>
    public static string Verb(IReadOnlyCollection<string> actions) =>
        !actions.Contains(CandidateActions.Quarantine) ? "delete"
        : actions.Contains(CandidateActions.Delete) ? "delete or quarantine"
        : "quarantine";

    /// <param name="verb">What executing it does (<see cref="Verb"/>): the reason says what AutoRun would do.</param>
    public static string? Refusal(ProposalRow proposal, RepositoryRow repository, SettingsRow settings, string verb)
    {
        if (proposal.CandidateCount >= repository.ImageCount)
        {
            return $"AutoRun would {verb} every image of the repository; a person must approve it.";
        }

        if (repository.ImageCount > 0 && (decimal)proposal.CandidateCount / repository.ImageCount > settings.AutoRunMaxImageShare)
        {
            return $"AutoRun would {verb} {proposal.CandidateCount} of {repository.ImageCount} images, more than {settings.AutoRunMaxImageShare:P0}; a person must approve it.";
        }

        if (repository.ImageBytes > 0 && (decimal)proposal.CandidateBytes / repository.ImageBytes > settings.AutoRunMaxByteShare)
        {
            return $"AutoRun would {verb} {proposal.CandidateBytes} of {repository.ImageBytes} bytes, more than {settings.AutoRunMaxByteShare:P0}; a person must approve it.";
        }

        return settings.AutoRunMaxGb is { } limit && (decimal)(proposal.CandidateBytes / BytesPerGib) > limit
            ? $"AutoRun would {verb} {proposal.CandidateBytes / BytesPerGib:0.00} GiB, more than the {limit} GiB allowed; a person must approve it."
            : null;
    }
}
