using System.Text.Json.Nodes;
using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary>
/// Turns what happened into messages for the channels that want them: one delivery row per channel, sent by a job
/// (<see cref="DeliveryAttempt"/>). Never slows or fails what called it: a snapshot or an execution only hands over
/// ids; an error here is logged and the caller carries on.
/// </summary>
public sealed partial class Notifier(
    IDbContextFactory<CuratorDbContext> contexts, JobQueue queue, IOptions<PublicUrlOptions> urls, IOptions<RetentionOptions> retention, TimeProvider time, ILogger<Notifier> logger)
{
    /// <summary>After a snapshot settled: one digest of its new proposals per team and channel, or what made it incomplete.</summary>
    public Task AfterSnapshotAsync(long snapshotId, CancellationToken cancellation) => SafelyAsync($"snapshot {snapshotId}", async () =>
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var snapshot = await db.Snapshots.AsNoTracking().Include(row => row.Sources).SingleAsync(row => row.Id == snapshotId, cancellation);
        if (snapshot.Status is SnapshotStatus.Incomplete or SnapshotStatus.Failed)
        {
            await QueueAsync(db, NotificationEvents.SnapshotIncomplete, null, [], language => Incomplete(snapshot, language), cancellation);
        }

        var created = await db.Proposals.AsNoTracking()
            .Where(proposal => proposal.SnapshotId == snapshotId && proposal.Status == ProposalStatus.Pending)
            .Join(db.Repositories.AsNoTracking(), proposal => proposal.RepositoryId, repository => repository.Id, (proposal, repository) => new { proposal, repository })
            .ToListAsync(cancellation);
        foreach (var team in created.GroupBy(row => row.repository.Team))
        {
            var proposals = team.OrderBy(row => row.repository.Name).Select(row => (row.proposal, row.repository)).ToList();
            await QueueAsync(db, NotificationEvents.Proposals, team.Key, [.. proposals.Select(row => row.proposal.Id)], language => new NotificationMessage(
                NotificationEvents.Proposals, team.Key, language,
                MessageTexts.Of(language, "ProposalsTitle", proposals.Count, team.Key),
                MessageTexts.Of(language, "ProposalsText", snapshotId),
                Link("/approvals"),
                [.. proposals.Select(row => Line(language, "Candidates", row.proposal, row.repository))],
                Data(proposals)), cancellation);
        }

        await ReportersSilentAsync(db, cancellation);
        await QuarantineExpiringAsync(db, snapshot, cancellation);
    });

    /// <summary>AutoRun's notice to a team: these proposals execute once the notice has run, unless held.</summary>
    public Task AutoRunNoticeAsync(string team, IReadOnlyList<(ProposalRow Proposal, RepositoryRow Repository)> proposals, CancellationToken cancellation) => SafelyAsync($"team {team}'s AutoRun notice", async () =>
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var hours = proposals.Max(row => row.Repository.NoticeHours);
        var notBefore = time.GetUtcNow().AddHours(hours);
        await QueueAsync(db, NotificationEvents.AutoRunNotice, team, [.. proposals.Select(row => row.Proposal.Id)], language => new NotificationMessage(
            NotificationEvents.AutoRunNotice, team, language,
            MessageTexts.Of(language, "NoticeTitle", team),
            MessageTexts.Of(language, "NoticeText", hours),
            Link("/approvals"),
            [.. proposals.Select(row => Line(language, "NotBefore", row.Proposal, row.Repository, MessageTexts.Time(notBefore.AddHours(row.Repository.NoticeHours - hours))))],
            Data(proposals)), cancellation);
    });

    /// <summary>After an execution ended (executed, partly, failed, or stopped by the kill switch).</summary>
    public Task ExecutionEndedAsync(long proposalId, CancellationToken cancellation) => SafelyAsync($"proposal {proposalId}", async () =>
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var proposal = await db.Proposals.AsNoTracking().SingleAsync(row => row.Id == proposalId, cancellation);
        var repository = await db.Repositories.AsNoTracking().SingleAsync(row => row.Id == proposal.RepositoryId, cancellation);
        var name = $"{repository.AccountId}/{repository.Region}/{repository.Name}";
        var data = new JsonObject { ["proposal"] = proposal.Id, ["repository"] = name, ["status"] = proposal.Status, ["reason"] = proposal.StatusReason };
        if (proposal.Status is ProposalStatus.Executed or ProposalStatus.PartiallyExecuted)
        {
            var outcomes = await db.ExecutionOutcomes.AsNoTracking().Where(row => row.ProposalId == proposalId).ToListAsync(cancellation);
            var deleted = outcomes.Count(row => row.Outcome == Outcomes.Deleted);
            var skipped = outcomes.Where(row => row.Outcome != Outcomes.Deleted).ToList();
            data["deleted"] = deleted;
            data["bytesFreed"] = proposal.DeletedBytes;
            data["skipped"] = new JsonArray([.. skipped.Select(row => (JsonNode)new JsonObject { ["digest"] = row.Digest, ["outcome"] = row.Outcome, ["error"] = row.Error })]);
            await QueueAsync(db, NotificationEvents.ExecutionFinished, repository.Team, [], language => new NotificationMessage(
                NotificationEvents.ExecutionFinished, repository.Team, language,
                MessageTexts.Of(language, "FinishedTitle", name),
                MessageTexts.Of(language, "FinishedText", proposal.Id, proposal.Status, deleted, MessageTexts.Bytes(proposal.DeletedBytes), skipped.Count),
                Link($"/approvals/{proposal.Id}"),
                [.. skipped.GroupBy(row => row.Outcome).OrderBy(group => group.Key).Select(group => new MessageLine(MessageTexts.Of(language, "Outcome", group.Key,
                    string.Join(", ", group.Select(row => row.Error is null ? Short(row.Digest) : $"{Short(row.Digest)} ({row.Error})")))))],
                data), cancellation);
        }
        else
        {
            await QueueAsync(db, NotificationEvents.ExecutionFailed, repository.Team, [], language => new NotificationMessage(
                NotificationEvents.ExecutionFailed, repository.Team, language,
                MessageTexts.Of(language, "FailedTitle", name),
                MessageTexts.Of(language, "FailedText", proposal.Id, proposal.StatusReason),
                Link($"/approvals/{proposal.Id}"), [], data), cancellation);
        }
    });

    /// <summary>"Send a test message": to this channel only, whatever it serves.</summary>
    public async Task TestAsync(long channelId, string actor, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var channel = await db.NotificationChannels.AsNoTracking().SingleAsync(row => row.Id == channelId, cancellation);
        var message = new NotificationMessage(NotificationEvents.Test, null, channel.Language, MessageTexts.Of(channel.Language, "TestTitle"),
            MessageTexts.Of(channel.Language, "TestText", channel.Name, actor), Link("/settings"), []);
        await QueueToAsync(db, [channel], NotificationEvents.Test, null, [], _ => message, cancellation);
    }

    private async Task<int> QueueAsync(CuratorDbContext db, string notificationEvent, string? team, long[] proposals, Func<string, NotificationMessage> message, CancellationToken cancellation)
    {
        var channels = (await db.NotificationChannels.AsNoTracking().OrderBy(row => row.Id).ToListAsync(cancellation))
            .Where(channel => team is null ? channel.Events is null || channel.Events.Contains(notificationEvent) : channel.Serves(team, notificationEvent))
            .ToList();
        return await QueueToAsync(db, channels, notificationEvent, team, proposals, message, cancellation);
    }

    private async Task<int> QueueToAsync(
        CuratorDbContext db, List<NotificationChannelRow> channels, string notificationEvent, string? team, long[] proposals, Func<string, NotificationMessage> message, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var deliveries = channels.Select(channel => new NotificationDeliveryRow
        {
            ChannelId = channel.Id, Event = notificationEvent, Team = team, Message = message(channel.Language).ToJson(), ProposalIds = proposals, CreatedAt = now,
        }).ToList();
        db.NotificationDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(cancellation);
        foreach (var delivery in deliveries)
        {
            queue.QueueDelivery(delivery.Id, TimeSpan.Zero);
        }

        return deliveries.Count;
    }

    private async Task SafelyAsync(string what, Func<Task> notify)
    {
        try
        {
            await notify();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "The notifications of {What} could not be queued", what);
        }
    }

    private MessageLine Line(string language, string text, ProposalRow proposal, RepositoryRow repository, string? notBefore = null) => new(
        MessageTexts.Of(language, text, repository.Name, proposal.CandidateCount, MessageTexts.Bytes(proposal.CandidateBytes), notBefore),
        Link($"/repositories/{repository.Id}"),
        MessageTexts.Of(language, "Hold"),
        Link($"/proposals/{proposal.Id}/hold"));

    private JsonObject Data(IEnumerable<(ProposalRow Proposal, RepositoryRow Repository)> proposals) => new()
    {
        ["proposals"] = new JsonArray([.. proposals.Select(row => (JsonNode)new JsonObject
        {
            ["proposal"] = row.Proposal.Id,
            ["repository"] = $"{row.Repository.AccountId}/{row.Repository.Region}/{row.Repository.Name}",
            ["candidates"] = row.Proposal.CandidateCount,
            ["candidateBytes"] = row.Proposal.CandidateBytes,
            ["url"] = Link($"/approvals/{row.Proposal.Id}"),
            ["repositoryUrl"] = Link($"/repositories/{row.Repository.Id}"),
            ["holdUrl"] = Link($"/proposals/{row.Proposal.Id}/hold"),
        })]),
    };

    private NotificationMessage Incomplete(SnapshotRow snapshot, string language) => new(
        NotificationEvents.SnapshotIncomplete, null, language,
        MessageTexts.Of(language, "IncompleteTitle", snapshot.Id),
        MessageTexts.Of(language, "IncompleteText"),
        Link("/"),
        [
            .. snapshot.Sources.Where(source => source.Status == SourceStatus.Failed)
                .Select(source => new MessageLine($"{source.AccountId}/{source.Region}: {source.Error}")),
            .. snapshot.IncompleteReasons.Concat(snapshot.Problems).Select(reason => new MessageLine(reason)),
        ],
        new JsonObject
        {
            ["snapshot"] = snapshot.Id,
            ["status"] = snapshot.Status,
            ["incomplete"] = new JsonArray([.. snapshot.IncompleteReasons.Concat(snapshot.Problems).Select(reason => (JsonNode)JsonValue.Create(reason))]),
        });

    private string Link(string path) => urls.Value.Link(path);

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;
}
