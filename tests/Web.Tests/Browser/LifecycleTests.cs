using System.Net.Http.Json;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Features.Plan;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>SPEC 12 in the dashboard: a lifecycle policy that would remove an image in use, from the Overview to the image.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class LifecycleTests
{
    private const string PinnedByAServiceScaledToZero = "sha256:2931ad58a2f279b9747a836d82c5dd2feaf7f6fbbea9c12f20940b2bff8b92e8";

    [Fact]
    public async Task AKeepLastNPolicyThatWouldExpireTheDigestAServiceScaledToZeroIsPinnedToIsALifecycleDangerOnTheRepositoryPage()
    {
        await using var app = await DashboardApp.StartAsync();
        await ServeAsync(app, WorldFile.Read(PlanRun.World("lifecycle-danger")));
        await app.SnapshotAsync();
        var repository = await WebTestDatabase.CountAsync(app.Database, "SELECT id FROM repositories WHERE name = 'care/api'");

        await using var browser = await DashboardBrowser.SignInAsync(app, "aiko", CuratorRoles.Viewer);
        await Expect(browser.TestId("lifecycle-in-use")).ToHaveAttributeAsync("data-count", "1");
        await Expect(browser.TestId("lifecycle-in-use")).ToContainTextAsync("1 repository has a lifecycle policy that would remove images in use");
        await browser.TestId("lifecycle-show").ClickAsync();
        await Expect(browser.RowOf("[data-testid=repository-row]")).ToHaveCountAsync(1);
        await Expect(browser.RowOf("[data-testid=repository-row][data-repository='care/api']").GetByTestId("lifecycle-dangers")).ToHaveAttributeAsync("data-dangers", "1");
        await browser.ScreenshotAsync("repositories-with-lifecycle-danger");
        await browser.GoToAsync($"/repositories/{repository}");

        var lifecycle = browser.TestId("lifecycle");
        await Expect(lifecycle).ToHaveAttributeAsync("data-dangers", "1");
        await Expect(lifecycle.GetByTestId("lifecycle-rule")).ToContainTextAsync("Rule 1 — Any image, all but the newest 3: expire (delete)");
        var finding = lifecycle.Locator($"[data-testid=lifecycle-finding][data-digest='{PinnedByAServiceScaledToZero}']");
        await Expect(finding).ToHaveAttributeAsync("data-kind", "lifecycle-danger");
        await Expect(finding.GetByTestId("lifecycle-danger")).ToHaveTextAsync("lifecycle-danger");
        await Expect(finding.Locator("[data-testid=reason-chip][data-reason=in-use]")).ToBeVisibleAsync();
        await Expect(finding.GetByTestId("used-by")).ToContainTextAsync("service care-api");
        await Expect(lifecycle.GetByTestId("lifecycle-finding")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync("repository-lifecycle-danger");
        await browser.ExpectRenderedAsync();
    }

    /// <summary>Replaces the simulator's world; the usage source the dashboard reads through a role is kept, empty.</summary>
    private static async Task ServeAsync(DashboardApp app, World world)
    {
        var workload = new WorldAccount { AccountId = DashboardApp.SmallWorld.WorkloadAccount, Region = DashboardApp.Region };
        using var response = await app.Simulator.Control.PutAsJsonAsync("world", world with { Accounts = [.. world.Accounts, workload] }, WorldFile.Json, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
