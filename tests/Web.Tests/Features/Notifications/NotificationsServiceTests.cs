using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.Notifications;
using EcrCurator.Web.Tests.Features.Settings;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Notifications;

/// <summary>Who may do what with channels, holds and notices: the services refuse, not only the hidden buttons.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class NotificationsServiceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnlyAnAdminChangesChannelsAViewerMayAskForAHoldOnlyACuratorReleasesAndOnlyAnAdminOverridesANotice()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        var spec = new ChannelSpec("ops", ChannelKinds.Webhook, "https://ops.example/hook", "secret", [], null, null, "en");
        var proposal = await app.QueryAsync(db => db.Proposals.Where(row => row.Status == ProposalStatus.Pending).OrderBy(row => row.Id).Select(row => row.Id).FirstAsync(Cancellation));

        foreach (var (name, role) in new[] { ("ben", CuratorRoles.Curator), ("daniel", CuratorRoles.Viewer) })
        {
            await using var scope = app.As(name, role);
            var channels = scope.ServiceProvider.GetRequiredService<NotificationsService>();
            await Assert.ThrowsAsync<AccessRefusedException>(() => channels.AddAsync(spec, Cancellation));
            await Assert.ThrowsAsync<AccessRefusedException>(() => channels.ChannelsAsync(Cancellation));
            await Assert.ThrowsAsync<AccessRefusedException>(() => channels.TestAsync("ops", Cancellation));
            await Assert.ThrowsAsync<AccessRefusedException>(() => channels.RemoveAsync("ops", Cancellation));
            Assert.Empty(await channels.FlaggedAsync(Cancellation)); // the Overview's flag is everyone's to see
        }

        await using (var viewer = app.As("daniel", CuratorRoles.Viewer))
        {
            var approvals = viewer.ServiceProvider.GetRequiredService<ApprovalsService>();
            await approvals.HoldAsync(proposal, "still deployed in staging", Cancellation);
            await Assert.ThrowsAsync<AccessRefusedException>(() => approvals.ReleaseAsync(proposal, null, Cancellation));
            await Assert.ThrowsAsync<AccessRefusedException>(() => approvals.OverrideNoticeAsync(proposal, null, Cancellation));
        }

        await using (var curator = app.As("ben", CuratorRoles.Curator))
        {
            var approvals = curator.ServiceProvider.GetRequiredService<ApprovalsService>();
            await Assert.ThrowsAsync<AccessRefusedException>(() => approvals.OverrideNoticeAsync(proposal, null, Cancellation));
            await approvals.ReleaseAsync(proposal, "spoke to them", Cancellation);
        }

        await using (var admin = app.As("ada", CuratorRoles.Admin))
        {
            var added = await admin.ServiceProvider.GetRequiredService<NotificationsService>().AddAsync(spec, Cancellation);
            Assert.Null(added); // a secret was given: none generated
            Assert.Equal("ops", Assert.Single(await admin.ServiceProvider.GetRequiredService<NotificationsService>().ChannelsAsync(Cancellation)).Name);
        }

        Assert.Equal(ProposalStatus.Pending, await app.QueryAsync(db => db.Proposals.Where(row => row.Id == proposal).Select(row => row.Status).SingleAsync(Cancellation)));
        Assert.Equal(["channel.added", "proposal.held", "proposal.released"],
            await app.QueryAsync(db => db.AuditEntries.Where(entry => entry.Action.StartsWith("channel.") || entry.Action == "proposal.held" || entry.Action == "proposal.released")
                .OrderBy(entry => entry.Action).Select(entry => entry.Action).ToListAsync(Cancellation)));
    }
}
