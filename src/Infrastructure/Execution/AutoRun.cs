using System.Globalization;
using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// After a snapshot, the system approves the pending proposals of AutoRun repositories, unless a guard refuses: more
/// than the configured share of the repository's images or bytes, more than the configured GiB, or every image of
/// the repository. A refused proposal stays pending for a person, with the reason.
/// </summary>
/// <remarks>
/// A repository whose policy sets <c>NoticeHours</c> is deleted from only when its team was notified of the proposal
/// (a delivery to a channel serving the team succeeded) at least that long before; a changed candidate set is a new
/// proposal, told of afresh. AutoRun queues the notice; with no channel to give it, it leaves the proposal for a person.
/// </remarks>
public sealed class AutoRun(IDbContextFactory<CuratorDbContext> contexts, ApprovalService approvals, Notifier notifier, TimeProvider time)
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
        var notices = new List<(ProposalRow Proposal, RepositoryRow Repository)>();
        var channels = await db.NotificationChannels.AsNoTracking().ToListAsync(cancellation);
        foreach (var (proposal, repository) in candidates.Select(row => (row.proposal, row.repository)))
        {
            var actions = await db.ProposalCandidates.Where(candidate => candidate.ProposalId == proposal.Id).Select(candidate => candidate.Action).Distinct().ToListAsync(cancellation);
            if (Refusal(proposal, repository, settings, Verb(actions)) is { } reason)
            {
                await ExplainAsync(db, proposal, repository, "autorun.refused", reason, cancellation);
                continue;
            }

            if (repository.NoticeHours > 0 && await NoticeAsync(db, proposal, repository, channels, cancellation) is var (waiting, refused, notify))
            {
                if (notify)
                {
                    notices.Add((proposal, repository));
                }

                await ExplainAsync(db, proposal, repository, refused ? "autorun.refused" : "autorun.waiting", waiting, cancellation);
                continue;
            }

            await approvals.ApproveAsync(proposal.Id, AuditLog.System, "AutoRun", [], cancellation);
            approved.Add(proposal.Id);
        }

        foreach (var team in notices.GroupBy(row => row.Repository.Team))
        {
            await notifier.AutoRunNoticeAsync(team.Key, [.. team], cancellation);
        }

        return approved;
    }

    /// <summary>Why AutoRun does not execute the proposal yet (and whether it never will, and whether to send the notice now); null when the notice has run.</summary>
    private async Task<(string Reason, bool Refused, bool Notify)?> NoticeAsync(
        CuratorDbContext db, ProposalRow proposal, RepositoryRow repository, List<NotificationChannelRow> channels, CancellationToken cancellation)
    {
        var hours = repository.NoticeHours;
        if (proposal.NoticedAt is { } noticed)
        {
            var ends = noticed.AddHours(hours);
            return ends <= time.GetUtcNow() ? null : (StatusNotes.AutoRunAfterNotice.Format(hours, StatusNotes.Time(ends)), false, false);
        }

        if (!channels.Any(channel => channel.Serves(repository.Team, NotificationEvents.AutoRunNotice) || channel.Serves(repository.Team, NotificationEvents.Proposals)))
        {
            return (StatusNotes.NoChannel.Format(repository.Team, hours), true, false);
        }

        var id = proposal.Id;
        // A notice every attempt of which failed is sent again (after the next snapshot); one on its way is waited for.
        var queued = await db.NotificationDeliveries.AnyAsync(
            delivery => delivery.Event == NotificationEvents.AutoRunNotice && delivery.Status != DeliveryStatus.Failed && delivery.ProposalIds.Contains(id), cancellation);
        return (StatusNotes.AutoRunWaits.Format(repository.Team, hours),
            false, !queued && channels.Any(channel => channel.Serves(repository.Team, NotificationEvents.AutoRunNotice)));
    }

    /// <summary>Says on the proposal why AutoRun left it, audited once per reason.</summary>
    private static async Task ExplainAsync(CuratorDbContext db, ProposalRow proposal, RepositoryRow repository, string action, string reason, CancellationToken cancellation)
    {
        if (proposal.StatusReason != reason)
        {
            proposal.StatusReason = reason;
            AuditLog.Record(db, AuditLog.System, action, $"{repository.AccountId}/{repository.Region}/{repository.Name}", new { proposal = proposal.Id, reason }, repository.Team);
            await db.SaveChangesAsync(cancellation);
        }
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
            return StatusNotes.AutoRunEveryImage.Format(verb);
        }

        if (repository.ImageCount > 0 && (decimal)proposal.CandidateCount / repository.ImageCount > settings.AutoRunMaxImageShare)
        {
            return StatusNotes.AutoRunImageShare.Format(verb, proposal.CandidateCount, repository.ImageCount, settings.AutoRunMaxImageShare.ToString("P0", CultureInfo.InvariantCulture));
        }

        if (repository.ImageBytes > 0 && (decimal)proposal.CandidateBytes / repository.ImageBytes > settings.AutoRunMaxByteShare)
        {
            return StatusNotes.AutoRunByteShare.Format(verb, proposal.CandidateBytes, repository.ImageBytes, settings.AutoRunMaxByteShare.ToString("P0", CultureInfo.InvariantCulture));
        }

        return settings.AutoRunMaxGb is { } limit && (decimal)(proposal.CandidateBytes / BytesPerGib) > limit
            ? StatusNotes.AutoRunGib.Format(verb, (proposal.CandidateBytes / BytesPerGib).ToString("0.00", CultureInfo.InvariantCulture), limit)
            : null;
    }
}
