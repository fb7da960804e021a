using System.Text.RegularExpressions;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>Scenarios that only look: one dashboard for the class (<see cref="SharedDashboard"/>).</summary>
[Collection(AwsEnvironmentCollection.Name)]
public partial class BrowsingTests(SharedDashboard dashboard) : IClassFixture<SharedDashboard>
{
    [Fact]
    public async Task FromTheOverviewATeamLeadsToItsRepositoriesAndARepositoryToItsImagesWithDecisionAndReasonChips()
    {
        await using var browser = await DashboardBrowser.SignInAsync(dashboard.App, "aiko", CuratorRoles.Viewer);
        var teamCell = browser.TestId("team-row").First;
        await Expect(teamCell).ToBeVisibleAsync();
        var team = (await teamCell.GetAttributeAsync("data-team"))!;
        var repositories = await browser.RowOf($"[data-testid=team-row][data-team='{team}']").Locator("td").Nth(1).InnerTextAsync();

        await teamCell.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(browser.Page).ToHaveURLAsync(TeamFilter());
        var rows = browser.RowOf("[data-testid=repository-row]");
        await Expect(rows).ToHaveCountAsync(int.Parse(repositories, System.Globalization.CultureInfo.InvariantCulture));
        await Expect(rows.Locator("td[data-label=Team]").Filter(new LocatorFilterOptions { HasNotText = team })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("repositories-of-team");
        var first = browser.TestId("repository-link").First; // sorted by reclaimable bytes: the one with the most to delete
        var name = await first.InnerTextAsync();

        await first.ClickAsync();

        await Expect(browser.Page).ToHaveURLAsync(RepositoryPage());
        await Expect(browser.TestId("repository-name")).ToHaveTextAsync(name);
        await Expect(browser.TestId("team")).ToContainTextAsync(team);
        var images = browser.TestId("images").Locator("tr").Filter(new LocatorFilterOptions { Has = browser.TestId("image") });
        await Expect(images.First).ToBeVisibleAsync();
        await Expect(images.Filter(new LocatorFilterOptions { HasNot = browser.TestId("decision") })).ToHaveCountAsync(0);
        await Expect(images.Filter(new LocatorFilterOptions { HasNot = browser.TestId("reason-chip") })).ToHaveCountAsync(0);
        var candidate = images.Filter(new LocatorFilterOptions { Has = browser.Page.Locator("[data-testid=image][data-decision=delete]") }).First;
        await Expect(candidate.GetByTestId("decision")).ToHaveTextAsync("delete");
        await Expect(candidate.Locator("[data-testid=reason-chip][data-kind=Delete]").First).ToBeVisibleAsync();
        var kept = images.Filter(new LocatorFilterOptions { Has = browser.Page.Locator("[data-testid=image][data-decision=keep]") }).First;
        await Expect(kept.GetByTestId("decision")).ToHaveTextAsync("keep");
        await Expect(kept.Locator("[data-testid=reason-chip][data-kind=Keep]").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("repository-images");
        await browser.ExpectRenderedAsync();
    }

    [Fact]
    public async Task AViewerOpeningAProposalHasNoApproveOrRejectButtonWhereACuratorHasThem()
    {
        // That the service itself refuses a Viewer is ApprovalsServiceTests.AViewerIsRefusedApprovingRejectingAndApprovingATeamAndNothingChanges.
        await using var viewer = await DashboardBrowser.SignInAsync(dashboard.App, "aiko", CuratorRoles.Viewer, "/approvals");
        await Expect(viewer.TestId("proposal-row").First).ToBeVisibleAsync();
        await Expect(viewer.TestId("approve-team")).ToHaveCountAsync(0);

        await viewer.TestId("proposal-row").First.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(viewer.Page).ToHaveURLAsync(ProposalPage());
        await Expect(viewer.TestId("proposal")).ToHaveAttributeAsync("data-status", "Pending");
        await Expect(viewer.TestId("candidate").First).ToBeVisibleAsync();
        await Expect(viewer.TestId("candidate").First.Locator("input[type=checkbox]")).ToBeDisabledAsync();
        await Expect(viewer.TestId("approve")).ToHaveCountAsync(0);
        await Expect(viewer.TestId("reject")).ToHaveCountAsync(0);
        await Expect(viewer.TestId("comment")).ToHaveCountAsync(0);
        await viewer.ScreenshotAsync("proposal-as-viewer");
        await viewer.ExpectRenderedAsync();

        await using var curator = await DashboardBrowser.SignInAsync(dashboard.App, "ben", CuratorRoles.Curator, new Uri(viewer.Page.Url).AbsolutePath);
        await Expect(curator.TestId("approve")).ToBeEnabledAsync();
        await Expect(curator.TestId("reject")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task AViewerReadsWhichRoleApprovingAndPinningNeedWhereACuratorHasTheButtons()
    {
        await using var viewer = await DashboardBrowser.SignInAsync(dashboard.App, "aiko", CuratorRoles.Viewer, "/approvals");
        var note = viewer.TestId("team-panel").First.GetByTestId("role-needed").First; // one per team, where a Curator has "Approve all"
        await Expect(note).ToHaveTextAsync("Approving or rejecting needs the Curator role.");
        await Expect(note).ToHaveAttributeAsync("data-role", CuratorRoles.Curator);

        await viewer.TestId("proposal-row").First.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(viewer.Page).ToHaveURLAsync(ProposalPage());
        await Expect(viewer.TestId("proposal")).ToBeVisibleAsync();
        await Expect(viewer.TestId("role-needed")).ToHaveTextAsync("Approving or rejecting needs the Curator role.");
        var proposal = new Uri(viewer.Page.Url).AbsolutePath;
        var repository = await WebTestDatabase.CountAsync(dashboard.App.Database, "SELECT min(repository_id) FROM images");
        await viewer.GoToAsync($"/repositories/{repository}");
        await Expect(viewer.TestId("images").GetByTestId("role-needed")).ToHaveTextAsync("Pinning an image needs the Curator role.");
        await Expect(viewer.TestId("pin")).ToHaveCountAsync(0);
        await viewer.ScreenshotAsync("repository-as-viewer");

        await using var curator = await DashboardBrowser.SignInAsync(dashboard.App, "ben", CuratorRoles.Curator, proposal);
        await Expect(curator.TestId("approve")).ToBeVisibleAsync();
        await Expect(curator.TestId("role-needed")).ToHaveCountAsync(0);
        await curator.GoToAsync($"/repositories/{repository}");
        await Expect(curator.TestId("pin").First).ToBeVisibleAsync();
        await Expect(curator.TestId("role-needed")).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"/repositories\?team=")]
    private static partial Regex TeamFilter();

    [GeneratedRegex(@"/repositories/\d+$")]
    private static partial Regex RepositoryPage();

    [GeneratedRegex(@"/approvals/\d+$")]
    private static partial Regex ProposalPage();
}
