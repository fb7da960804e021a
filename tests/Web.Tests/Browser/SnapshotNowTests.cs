using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>"Take a snapshot now" on the Settings page, followed live (its own dashboard: it takes a snapshot).</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class SnapshotNowTests
{
    private const string UnderWay = "[data-testid=snapshot-requested], [data-testid=snapshot-running]";

    [Fact]
    public async Task AnAdminWhoTakesASnapshotNowSeesItUnderWayAndThenFinishedWithoutReloading()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var browser = await DashboardBrowser.SignInAsync(app, "daniel", CuratorRoles.Admin, "/settings");
        await browser.WaitUntilLiveAsync();
        var card = browser.TestId("snapshots");
        // Listing the registry takes 4 seconds: the snapshot stays under way long enough to be seen.
        await app.Simulator.InjectAsync(new { kind = "latency", operation = "ecr:DescribeRepositories", latencyMs = 4000 });

        await card.GetByTestId("take-snapshot").ClickAsync();

        await Expect(browser.Snackbar).ToContainTextAsync("A snapshot has been requested");
        await Expect(card.Locator(UnderWay)).ToBeVisibleAsync();
        await Expect(card.GetByTestId("take-snapshot")).ToBeDisabledAsync();
        await browser.ScreenshotAsync("snapshot-under-way");

        var finished = new LocatorAssertionsToBeEnabledOptions { Timeout = 90_000 };
        await Expect(card.GetByTestId("take-snapshot")).ToBeEnabledAsync(finished);
        await Expect(card.Locator(UnderWay)).ToHaveCountAsync(0);
        await Expect(card).ToContainTextAsync("Last snapshot finished");
        Assert.Equal(2, await WebTestDatabase.CountAsync(app.Database, "SELECT count(*) FROM snapshots WHERE status = 'Complete'"));
        await browser.ScreenshotAsync("snapshot-finished");
        await browser.ExpectRenderedAsync();
    }
}
