namespace EcrCurator.Infrastructure.Notifications;

/// <summary>A channel to add. <see cref="Teams"/> and <see cref="Events"/> null: all.</summary>
public sealed record ChannelSpec(
    string Name, string Kind, string? Url, string? Secret, IReadOnlyList<string> Recipients, IReadOnlyList<string>? Teams, IReadOnlyList<string>? Events, string Language);

/// <summary>A channel as pages and <c>channel list</c> show it: whether a URL and secret are set, never them.</summary>
public sealed record ChannelView(
    long Id, string Name, string Kind, string Language, string Teams, string Events, IReadOnlyList<string> Recipients, bool UrlSet, bool SecretSet,
    int ConsecutiveFailures, string? LastStatus, DateTimeOffset? LastAttemptAt, int? LastFailureStatus, string? LastFailure)
{
    /// <summary>After this many failed attempts in a row the Overview flags the channel.</summary>
    public const int FlagAfter = 5;

    public bool Flagged => ConsecutiveFailures >= FlagAfter;

    /// <summary>Deliveries queued or waiting for a retry.</summary>
    public int Pending { get; init; }
}

public sealed record DeliveryView(
    long Id, string Event, string? Team, string Status, int Attempts, int? FailureStatus, string? FailureDetail, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? SentAt);

/// <summary>A channel that cannot be added or found, with a message naming the option.</summary>
public sealed class ChannelException(string message) : ArgumentException(message);
