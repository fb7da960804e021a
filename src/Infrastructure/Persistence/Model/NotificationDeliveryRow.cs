namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>One message to one channel, and what became of it: each attempt is a job; the last outcome is kept here.</summary>
public sealed class NotificationDeliveryRow
{
    public long Id { get; set; }

    public long ChannelId { get; set; }

    /// <summary>See <see cref="Notifications.NotificationEvents"/>, or <c>test</c>.</summary>
    public required string Event { get; set; }

    public string? Team { get; set; }

    /// <summary>The message, in the channel's language, as JSON (<see cref="Notifications.NotificationMessage"/>).</summary>
    public required string Message { get; set; }

    /// <summary>The proposals it tells the team about: once sent, their team counts as notified of them.</summary>
    public long[] ProposalIds { get; set; } = [];

    /// <summary>See <see cref="DeliveryStatus"/>.</summary>
    public string Status { get; set; } = DeliveryStatus.Queued;

    public int Attempts { get; set; }

    /// <summary>The receiver's HTTP status or SMTP reply code of the last failed attempt.</summary>
    public int? FailureStatus { get; set; }

    /// <summary>Why the last attempt failed: the error, and the start of the receiver's answer.</summary>
    public string? FailureDetail { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

public static class DeliveryStatus
{
    public const string Queued = "Queued";

    /// <summary>An attempt failed; another follows after the backoff.</summary>
    public const string Retrying = "Retrying";

    public const string Sent = "Sent";

    /// <summary>Every attempt failed.</summary>
    public const string Failed = "Failed";
}
