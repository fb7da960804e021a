namespace EcrCurator.Infrastructure.Notifications;

/// <summary>The events a channel can want (the names of <c>channel add --events</c>).</summary>
public static class NotificationEvents
{
    public const string Proposals = "proposals";
    public const string AutoRunNotice = "autorun-notice";
    public const string ExecutionFinished = "execution-finished";
    public const string ExecutionFailed = "execution-failed";
    public const string SnapshotIncomplete = "snapshot-incomplete";
    public const string ReporterSilent = "reporter-silent";
    public const string QuarantineExpiring = "quarantine-expiring";

    /// <summary>What "send a test message" sends; every channel receives it.</summary>
    public const string Test = "test";

    public static IReadOnlyList<string> All { get; } =
        [Proposals, AutoRunNotice, ExecutionFinished, ExecutionFailed, SnapshotIncomplete, ReporterSilent, QuarantineExpiring];
}

/// <summary>The kinds of channel (the names of <c>channel add --kind</c>).</summary>
public static class ChannelKinds
{
    public const string Slack = "slack";
    public const string Webhook = "webhook";
    public const string Email = "email";

    public static IReadOnlyList<string> All { get; } = [Slack, Webhook, Email];
}
