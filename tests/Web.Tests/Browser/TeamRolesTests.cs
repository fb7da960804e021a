using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Features.Approvals;
using EcrCurator.Web.Tests.Features.Teams;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>A team-scoped Curator in the browser: lands on My teams, is refused on another team's proposal, approves their own.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class TeamRolesTests
{
    [Fact]
    public async Task ATeamCuratorLandsOnMyTeamsIsRefusedOnAnotherTeamsProposalAndApprovesTheirOwn()
    {
        await using var app = await DashboardApp.StartAsync();
        var (mine, other) = await TeamRolesServiceTests.TwoTeamsAsync(app);
        await using var scope = app.As("daniel", CuratorRoles.Viewer, new TeamRole(mine, CuratorRoles.Curator));
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var theirs = (await Proposals.PendingAsync(service, other))[0];
        var ours = (await Proposals.PendingAsync(service, mine))[0];
        await using var browser = await DashboardBrowser.OpenAsync(app);

        await browser.GoToAsync("/signin");
        await browser.SignInOnThisPageAsync("daniel", CuratorRoles.Viewer, (mine, CuratorRoles.Curator));

        Assert.EndsWith("/my-teams", browser.Page.Url);
        await Expect(browser.TestId("my-team")).ToHaveAttributeAsync("data-team", mine);
        await Expect(browser.TestId("nav-my-teams")).ToBeVisibleAsync();
        await Expect(browser.TestId("my-team").GetByTestId("proposal-row").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("my-teams");

        await browser.GoToAsync($"/approvals/{theirs.Id}");
        await Expect(browser.TestId("proposal")).ToHaveAttributeAsync("data-status", ProposalStatus.Pending);
        await Expect(browser.TestId("approve")).ToHaveCountAsync(0);
        await Expect(browser.TestId("reject")).ToHaveCountAsync(0);
        await Expect(browser.TestId("team-role-note")).ToContainTextAsync($"Curator of {mine}");
        await browser.ScreenshotAsync("another-teams-proposal");

        // A request made without the button (as a forged one would be) is refused by the service.
        await Assert.ThrowsAsync<AccessRefusedException>(() => service.ApproveAsync(theirs.Id, null, [], TestContext.Current.CancellationToken));

        await browser.GoToAsync($"/approvals/{ours.Id}");
        await Expect(browser.TestId("team-role-note")).ToHaveCountAsync(0);
        await browser.TestId("approve").ClickAsync();
        await browser.Dialog.GetByTestId("decision-confirm").ClickAsync();

        await Expect(browser.Snackbar).ToContainTextAsync("Approved");
        Assert.Equal(ProposalStatus.Pending, (await service.ProposalAsync(theirs.Id, TestContext.Current.CancellationToken))!.Status);
        Assert.NotEqual(ProposalStatus.Pending, (await service.ProposalAsync(ours.Id, TestContext.Current.CancellationToken))!.Status);
        await browser.ExpectRenderedAsync();
    }
}
