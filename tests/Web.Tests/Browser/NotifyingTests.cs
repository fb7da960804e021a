using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>Notification channels in Settings, the Overview's flag, and a hold asked from a message's link (each test starts its own dashboard).</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class NotifyingTests
{
    [Fact]
    public async Task AnAdminAddsASlackChannelWhoseUrlNeverComesBackToThePageTestsItAndTheOverviewFlagsItWhenItKeepsFailing()
    {
        const string token = "T0AAAAAAA/B0BBBBBBB/XyZsecretSlackToken";
        await using var app = await DashboardApp.StartAsync();
        await using var browser = await DashboardBrowser.SignInAsync(app, "chiara", CuratorRoles.Admin, "/settings");
        var channels = browser.TestId("channels");
        await Expect(channels.GetByTestId("no-channels")).ToBeVisibleAsync();

        await browser.TextBox("channel-name").FillAsync("shop-slack");
        await browser.TextBox("channel-url").FillAsync("http://127.0.0.1:1/services/" + token);
        await browser.TextBox("channel-teams").FillAsync("shop");
        await browser.TextBox("channel-teams").BlurAsync();
        await browser.TestId("channel-add").ClickAsync();

        await Expect(browser.Snackbar).ToContainTextAsync("Channel shop-slack added");
        var row = channels.Locator("[data-testid=channel][data-channel=shop-slack]");
        await Expect(row).ToContainTextAsync("URL set (hidden)");
        await Expect(browser.TextBox("channel-url")).ToHaveValueAsync("");
        await row.GetByTestId("channel-test").ClickAsync();
        await Expect(browser.Snackbar.Filter(new() { HasText = "A test message" })).ToContainTextAsync("A test message to shop-slack is on its way");
        await Expect(row.GetByTestId("channel-last")).ToContainTextAsync("could not be reached", new() { Timeout = 20_000 });
        await browser.ScreenshotAsync("channel-failing");
        Assert.DoesNotContain("XyZsecretSlackToken", await browser.Page.ContentAsync());
        await browser.GoToAsync("/settings");
        Assert.DoesNotContain("XyZsecretSlackToken", await browser.Page.ContentAsync());

        await WebTestDatabase.ExecuteAsync(app.Database, "UPDATE notification_channels SET consecutive_failures = 5");
        await browser.SignInAsAsync("aiko", CuratorRoles.Viewer, "/");

        await Expect(browser.TestId("flagged-channels")).ToContainTextAsync("shop-slack (5 failures in a row)");
        await browser.ExpectRenderedAsync();
    }

    [Fact]
    public async Task ATeamMemberAsksForAHoldFromTheMessagesLinkAndACuratorReleasesIt()
    {
        await using var app = await DashboardApp.StartAsync();
        var proposal = await WebTestDatabase.CountAsync(app.Database, "SELECT min(id) FROM proposals WHERE status = 'Pending'");
        await using var browser = await DashboardBrowser.SignInAsync(app, "aiko", CuratorRoles.Viewer, $"/proposals/{proposal}/hold");

        await browser.TextBox("hold-reason").FillAsync("we roll back to it on Fridays");
        await browser.TextBox("hold-reason").BlurAsync();
        await browser.TestId("hold-ask").ClickAsync();

        await Expect(browser.Snackbar).ToContainTextAsync($"Proposal {proposal} is held");
        await Expect(browser.TestId("held")).ToContainTextAsync("Held by aiko");
        await browser.ScreenshotAsync("held");
        Assert.Equal(1, await WebTestDatabase.CountAsync(app.Database, $"SELECT count(*) FROM proposals WHERE id = {proposal} AND status = '{ProposalStatus.Held}' AND held_by = 'aiko'"));

        await browser.SignInAsAsync("ben", CuratorRoles.Curator, "/approvals");
        await Expect(browser.Page.Locator($"[data-testid=held-proposal][data-proposal='{proposal}']")).ToContainTextAsync("we roll back to it on Fridays");
        await browser.GoToAsync($"/approvals/{proposal}");
        await browser.TestId("release").ClickAsync();

        await Expect(browser.Snackbar).ToContainTextAsync($"Proposal {proposal} released");
        await Expect(browser.TestId("proposal")).ToHaveAttributeAsync("data-status", ProposalStatus.Pending);
        Assert.Equal(1, await WebTestDatabase.CountAsync(app.Database, "SELECT count(*) FROM audit_entries WHERE action = 'proposal.released' AND actor = 'ben'"));
        await browser.ExpectRenderedAsync();
    }
}
