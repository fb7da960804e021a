using System.Net;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Features.Api;
using EcrCurator.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>Settings' API tokens and usage reporters, as an Admin uses them.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class ApiTokensTests
{
    [Fact]
    public async Task AnAdminCreatesATokenShownOnceThatTheApiTakesThenRevokesIt()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var browser = await DashboardBrowser.SignInAsync(app, "daniel", CuratorRoles.Admin, "/settings");
        await browser.WaitUntilLiveAsync();
        var panel = browser.TestId("api-tokens");

        await panel.TextBox("token-name").FillAsync("deploy-care");
        await panel.GetByTestId("token-create").ClickAsync();

        var shown = panel.GetByTestId("new-token");
        await Expect(shown).ToContainTextAsync("ecrc_");
        var token = (await shown.TextContentAsync())!.Trim();
        await Expect(panel.Locator("[data-testid=token-row][data-name=deploy-care]")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("token-created");
        using (var client = ApiClient.For(app, token))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/repositories", TestContext.Current.CancellationToken)).StatusCode);
        }

        await browser.GoToAsync("/settings");
        await browser.WaitUntilLiveAsync();
        await Expect(panel.GetByTestId("new-token")).ToHaveCountAsync(0);
        await Expect(panel.GetByTestId("token-last-used")).Not.ToHaveTextAsync("never");
        await panel.GetByTestId("token-revoke").ClickAsync();
        await Expect(browser.Snackbar).ToContainTextAsync("Token deploy-care revoked");
        using (var client = ApiClient.For(app, token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/repositories", TestContext.Current.CancellationToken)).StatusCode);
        }

        var reporters = browser.TestId("usage-reporters");
        await reporters.TextBox("reporter-source").FillAsync("eks/prod");
        await reporters.GetByTestId("reporter-expect").ClickAsync();
        await Expect(reporters.Locator("[data-testid=reporter-row][data-source='eks/prod']")).ToHaveAttributeAsync("data-silent", "true");
        await browser.ScreenshotAsync("reporter-expected");
        await browser.ExpectRenderedAsync();
    }
}
