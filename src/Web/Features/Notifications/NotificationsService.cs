using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;

namespace EcrCurator.Web.Features.Notifications;

/// <summary>
/// The notification channels as the Settings page shows and changes them (an Admin's), and the channels the Overview
/// flags (anyone's to see). URLs and secrets go in and never come out.
/// </summary>
public sealed class NotificationsService(ChannelBook channels, CurrentUser user)
{
    public async Task<IReadOnlyList<ChannelView>> ChannelsAsync(CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Admin, "see the notification channels");
        return await channels.ListAsync(cancellation);
    }

    /// <summary>The channels that failed <see cref="ChannelView.FlagAfter"/> times in a row or more.</summary>
    public async Task<IReadOnlyList<ChannelView>> FlaggedAsync(CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "see the overview");
        return [.. (await channels.ListAsync(cancellation)).Where(channel => channel.Flagged)];
    }

    public async Task<IReadOnlyList<DeliveryView>> DeliveriesAsync(string name, CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Admin, "see the notification channels");
        return await Refused(() => channels.DeliveriesAsync(name, 20, cancellation));
    }

    /// <returns>The signing secret generated for a webhook given none, to show once.</returns>
    public async Task<string?> AddAsync(ChannelSpec spec, CancellationToken cancellation = default)
    {
        var actor = await user.RequireAsync(CuratorRoles.Admin, "add notification channels");
        return (await Refused(() => channels.AddAsync(spec, actor, cancellation))).GeneratedSecret;
    }

    public async Task RemoveAsync(string name, CancellationToken cancellation = default)
    {
        var actor = await user.RequireAsync(CuratorRoles.Admin, "remove notification channels");
        await Refused(async () =>
        {
            await channels.RemoveAsync(name, actor, cancellation);
            return true;
        });
    }

    public async Task TestAsync(string name, CancellationToken cancellation = default)
    {
        var actor = await user.RequireAsync(CuratorRoles.Admin, "send test messages");
        await Refused(async () =>
        {
            await channels.TestAsync(name, actor, cancellation);
            return true;
        });
    }

    private static async Task<T> Refused<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ChannelException refused)
        {
            throw new DashboardException(refused.Message);
        }
    }
}
