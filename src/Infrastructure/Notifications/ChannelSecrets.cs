using Microsoft.AspNetCore.DataProtection;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary>
/// Webhook URLs (a Slack URL is a secret) and signing secrets, encrypted with the application's data protection (keys
/// shared by every server through the database) before they are stored; only a delivery reads them back.
/// </summary>
public sealed class ChannelSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("EcrCurator.Notifications.Channel.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
