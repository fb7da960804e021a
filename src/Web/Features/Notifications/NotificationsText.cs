namespace EcrCurator.Web.Features.Notifications;

/// <summary>The texts of the notification channels (NotificationsText.resx, NotificationsText.ja.resx).</summary>
public sealed class NotificationsText;
