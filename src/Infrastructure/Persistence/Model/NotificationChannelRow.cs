namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>
/// Where notifications go (issue 21): a Slack incoming webhook, a signed generic webhook or email recipients, in a
/// language, for some teams (null: all) and some events (null: all). The URL and the secret are kept encrypted with
/// the application's data protection and never read back to a page or a log.
/// </summary>
public sealed class NotificationChannelRow
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>See <see cref="Notifications.ChannelKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary><c>en</c> or <c>ja</c>.</summary>
    public string Language { get; set; } = "en";

    /// <summary>The teams it serves; null: every team.</summary>
    public string[]? Teams { get; set; }

    /// <summary>The events it wants (<see cref="Notifications.NotificationEvents"/>); null: every event.</summary>
    public string[]? Events { get; set; }

    /// <summary>The webhook's URL, protected (a Slack URL is a secret).</summary>
    public string? ProtectedUrl { get; set; }

    /// <summary>The generic webhook's signing secret, protected.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>An email channel's recipients.</summary>
    public string[] Recipients { get; set; } = [];

    /// <summary>Attempts that failed since the last that succeeded: at 5 the Overview flags the channel.</summary>
    public int ConsecutiveFailures { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool Serves(string team, string notificationEvent) =>
        (Teams is null || Teams.Contains(team, StringComparer.OrdinalIgnoreCase)) && (Events is null || Events.Contains(notificationEvent));

    /// <summary>What it serves, as a person reads it (<c>all</c> or the list).</summary>
    public string TeamsText => Teams is null ? "all" : string.Join(",", Teams);

    public string EventsText => Events is null ? "all" : string.Join(",", Events);
}
