using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary>
/// One attempt at a delivery, as a job: sent, or failed with the receiver's status and the start of its answer, kept
/// on the delivery; a failure is tried again after a backoff that doubles, up to <c>Curator:Notifications:MaxAttempts</c>.
/// A channel's failures in a row are counted (5 flag it on the Overview); a success resets them and counts its team as
/// notified of the proposals the message named (the notice period starts).
/// </summary>
public sealed class DeliveryAttempt(
    IDbContextFactory<CuratorDbContext> contexts, ChannelSender sender, JobQueue queue, IOptions<NotificationsOptions> options, TimeProvider time, ILogger<DeliveryAttempt> logger)
{
    public async Task RunAsync(long deliveryId, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var delivery = await db.NotificationDeliveries.SingleOrDefaultAsync(row => row.Id == deliveryId, cancellation);
        if (delivery is null or { Status: DeliveryStatus.Sent or DeliveryStatus.Failed })
        {
            return; // its channel was removed, or another attempt finished it
        }

        var channel = await db.NotificationChannels.AsNoTracking().SingleAsync(row => row.Id == delivery.ChannelId, cancellation);
        var now = time.GetUtcNow();
        delivery.Attempts++;
        delivery.LastAttemptAt = now;
        try
        {
            await sender.SendAsync(channel, delivery, cancellation);
        }
        catch (DeliveryException failed)
        {
            var retry = delivery.Attempts < options.Value.MaxAttempts;
            (delivery.Status, delivery.FailureStatus, delivery.FailureDetail) = (retry ? DeliveryStatus.Retrying : DeliveryStatus.Failed, failed.Status, failed.Message);
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellation))
            {
                await db.NotificationChannels.Where(row => row.Id == channel.Id)
                    .ExecuteUpdateAsync(setters => setters.SetProperty(row => row.ConsecutiveFailures, row => row.ConsecutiveFailures + 1), cancellation);
                await db.SaveChangesAsync(cancellation);
                await transaction.CommitAsync(cancellation);
            }

            logger.LogWarning("Delivery {DeliveryId} ({Event}) to channel {Channel} failed, attempt {Attempt} of {MaxAttempts}: {Failure}",
                delivery.Id, delivery.Event, channel.Name, delivery.Attempts, options.Value.MaxAttempts, failed.Message);
            if (retry)
            {
                queue.QueueDelivery(delivery.Id, options.Value.RetryDelay(delivery.Attempts));
            }

            return;
        }

        // Sent, noticed and the channel's count together: whoever sees the delivery sent sees its proposals' notice running.
        var proposals = delivery.ProposalIds;
        (delivery.Status, delivery.SentAt, delivery.FailureStatus, delivery.FailureDetail) = (DeliveryStatus.Sent, now, null, null);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellation))
        {
            await db.Proposals.Where(row => proposals.Contains(row.Id) && row.NoticedAt == null)
                .ExecuteUpdateAsync(setters => setters.SetProperty(row => row.NoticedAt, now), cancellation);
            await db.NotificationChannels.Where(row => row.Id == channel.Id).ExecuteUpdateAsync(setters => setters.SetProperty(row => row.ConsecutiveFailures, 0), cancellation);
            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
        }

        if (proposals.Length > 0)
        {
            // AutoRun looks at these again when their notice ends.
            var ends = await db.Proposals.AsNoTracking()
                .Where(row => proposals.Contains(row.Id) && row.Status == ProposalStatus.Pending)
                .Join(db.Repositories.Where(row => row.Mode == "AutoRun" && row.NoticeHours > 0), row => row.RepositoryId, row => row.Id,
                    (proposal, repository) => new { proposal.ConfirmedSnapshotId, proposal.NoticedAt, repository.NoticeHours })
                .ToListAsync(cancellation);
            foreach (var snapshot in ends.GroupBy(row => row.ConfirmedSnapshotId))
            {
                queue.QueueAutoRun(snapshot.Key, snapshot.Max(row => row.NoticedAt!.Value.AddHours(row.NoticeHours)));
            }
        }

        logger.LogInformation("Delivery {DeliveryId} ({Event}) sent to channel {Channel}", delivery.Id, delivery.Event, channel.Name);
    }
}
