using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

[Collection(AwsEnvironmentCollection.Name)]
public class SigningInTests(SharedDashboard dashboard) : IClassFixture<SharedDashboard>
{
    [Theory]
    [InlineData("aiko", CuratorRoles.Viewer)]
    [InlineData("ben", CuratorRoles.Curator)]
    [InlineData("chiara", CuratorRoles.Admin)]
    public async Task EachRoleSignsInAndSeesTheirNameAndRoleInTheAppBar(string user, string role)
    {
        await using var browser = await DashboardBrowser.SignInAsync(dashboard.App, user, role);

        await Expect(browser.TestId("signed-in-as")).ToHaveTextAsync($"{user} · {role}");
        await Expect(browser.Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Approvals" })).ToBeVisibleAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Settings" })).ToHaveCountAsync(role == CuratorRoles.Admin ? 1 : 0);
        await browser.ExpectRenderedAsync();
    }

    [Fact]
    public async Task AViewerHasNoSettingsLinkAndIsToldTheirRoleDoesNotAllowTheSettings()
    {
        await using var browser = await DashboardBrowser.SignInAsync(dashboard.App, "daniel", CuratorRoles.Viewer);
        await Expect(browser.Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Settings" })).ToHaveCountAsync(0);

        await browser.GoToAsync("/settings");

        await Expect(browser.Page.GetByText("Your role does not allow this page")).ToBeVisibleAsync();
        await Expect(browser.TestId("signed-in-as")).ToHaveTextAsync("daniel · Viewer");
    }

    [Fact]
    public async Task SomeoneNotSignedInIsSentToTheSignInPageAndThenWhereTheyWereGoing()
    {
        await using var browser = await DashboardBrowser.OpenAsync(dashboard.App);

        await browser.GoToAsync("/pins");
        Assert.Equal("/signin", new Uri(browser.Page.Url).AbsolutePath);
        await browser.SignInOnThisPageAsync("ben", CuratorRoles.Curator);

        Assert.Equal("/pins", new Uri(browser.Page.Url).AbsolutePath);
    }
}
