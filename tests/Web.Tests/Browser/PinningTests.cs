using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>Pinning from the repository page: each test starts its own dashboard (it changes the data).</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class PinningTests
{
    /// <summary>A repository with a top-level image to delete (not an index child, not an attached artifact).</summary>
    private const string RepositoryWithACandidate =
        "SELECT min(repository_id) FROM images WHERE decision = 'delete' AND NOT is_dependent AND gone_at IS NULL";

    [Fact]
    public async Task APinnedImageIsKeptByTheNextSnapshotWithThePinnedReasonAndListedOnThePinsPage()
    {
        await using var app = await DashboardApp.StartAsync();
        var repository = await WebTestDatabase.CountAsync(app.Database, RepositoryWithACandidate);
        await using var browser = await DashboardBrowser.SignInAsync(app, "ben", CuratorRoles.Curator, $"/repositories/{repository}");
        var candidate = browser.TestId("images").Locator("[data-testid=image][data-decision=delete][data-relation=TopLevel]").First;
        var digest = (await candidate.GetAttributeAsync("data-digest"))!;
        var image = $"[data-testid=image][data-digest='{digest}']";
        var row = browser.RowOf(image);
        const string reason = "needed for the rollback drill";

        await row.GetByTestId("pin").ClickAsync();
        await Expect(browser.Dialog).ToBeVisibleAsync();
        await browser.Dialog.TextBox("pin-reason").FillAsync(reason);
        await browser.ScreenshotAsync("pin-dialog");
        await browser.Dialog.GetByTestId("pin-confirm").ClickAsync();

        await Expect(browser.Snackbar).ToContainTextAsync("Image pinned");
        await Expect(row.GetByTestId("unpin")).ToBeVisibleAsync();
        await Expect(browser.TestId("pins").Locator($"[data-testid=pin][data-digest='{digest}']")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("pinned");

        await app.SnapshotAsync();
        await browser.GoToAsync($"/repositories/{repository}");

        await Expect(browser.Page.Locator(image)).ToHaveAttributeAsync("data-decision", "keep");
        await Expect(row.GetByTestId("decision")).ToHaveTextAsync("keep");
        await Expect(row.Locator("[data-testid=reason-chip][data-reason=pinned]")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("unpin")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("kept-after-snapshot");

        await browser.GoToAsync("/pins");

        var pin = browser.RowOf($"[data-testid=pin][data-digest='{digest}']");
        await Expect(pin).ToBeVisibleAsync();
        await Expect(pin.GetByTestId("pin-actor")).ToHaveTextAsync("ben");
        await Expect(pin.GetByTestId("pin-reason-text")).ToHaveTextAsync(reason);
        await browser.ExpectRenderedAsync();
    }
}
