using EcrCurator.Infrastructure.Notifications;
using Hangfire;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>A notification's delivery to one channel, one attempt per job; the attempt itself queues the next after its backoff.</summary>
public sealed class NotificationJob(DeliveryAttempt attempt)
{
    [AutomaticRetry(Attempts = 0)]
    public Task DeliverAsync(long deliveryId, CancellationToken cancellation) => attempt.RunAsync(deliveryId, cancellation);
}
