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

    /// <summary>A top-level candidate on its first page that is no index and has nothing attached (pinning it keeps it alone).</summary>
    private const string CandidateNothingHangsOn =
        """
        SELECT min(i.id) FROM images i
        WHERE i.decision = 'delete' AND NOT i.is_dependent AND i.gone_at IS NULL AND cardinality(i.manifests) = 0
          AND NOT EXISTS (SELECT 1 FROM images a WHERE a.repository_id = i.repository_id AND (a.subject = i.digest
                          OR EXISTS (SELECT 1 FROM unnest(a.tags) tag WHERE tag LIKE 'sha256-' || substr(i.digest, 8) || '.%')))
          AND (SELECT count(*) FROM images n WHERE n.repository_id = i.repository_id AND NOT n.is_dependent AND n.pushed_at > i.pushed_at) < 20
        """;

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

    [Fact]
    public async Task APinShowsAtOnceOnTheRepositoryPageAndItsOpenProposalSkipsTheImageInItsCounts()
    {
        await using var app = await DashboardApp.StartAsync();
        var image = await WebTestDatabase.CountAsync(app.Database, CandidateNothingHangsOn);
        var repository = await WebTestDatabase.CountAsync(app.Database, $"SELECT repository_id FROM images WHERE id = {image}");
        var digest = await WebTestDatabase.TextAsync(app.Database, $"SELECT digest FROM images WHERE id = {image}");
        var proposal = await WebTestDatabase.CountAsync(app.Database, $"SELECT id FROM proposals WHERE repository_id = {repository} AND status = 'Pending'");
        var candidates = await WebTestDatabase.CountAsync(app.Database, $"SELECT count(*) FROM proposal_candidates WHERE proposal_id = {proposal}");
        await using var browser = await DashboardBrowser.SignInAsync(app, "ben", CuratorRoles.Curator, $"/repositories/{repository}");
        var row = browser.RowOf($"[data-testid=image][data-digest='{digest}']");
        await Expect(row.GetByTestId("decision")).ToHaveTextAsync("delete");

        await row.GetByTestId("pin").ClickAsync();
        await browser.Dialog.TextBox("pin-reason").FillAsync("customer demo on Friday");
        await browser.Dialog.GetByTestId("pin-confirm").ClickAsync();

        await Expect(row.GetByTestId("decision")).ToHaveTextAsync("keep");
        await Expect(row.Locator("[data-testid=reason-chip][data-reason=pinned]")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("pinned-kept-at-once");

        await browser.GoToAsync($"/approvals/{proposal}");

        var pinned = browser.RowOf($"[data-testid=candidate][data-digest='{digest}']");
        await Expect(pinned.GetByTestId("held")).ToHaveTextAsync("pinned — will be skipped");
        await Expect(browser.TestId("remaining")).ToContainTextAsync($"{candidates - 1} of {candidates - 1} images");
        await browser.ScreenshotAsync("proposal-pinned-will-be-skipped");
    }
}
