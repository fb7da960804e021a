using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

[Collection(AwsEnvironmentCollection.Name)]
public class JapaneseTests(SharedDashboard dashboard) : IClassFixture<SharedDashboard>
{
    [Fact]
    public async Task SwitchingToJapaneseInTheAppBarMenuShowsTheDashboardInJapanese()
    {
        await using var browser = await DashboardBrowser.SignInAsync(dashboard.App, "ben", CuratorRoles.Curator, "/repositories");
        await Expect(Navigation(browser, "Overview")).ToBeVisibleAsync();

        await browser.SwitchLanguageAsync("ja");

        Assert.Equal("/repositories", new Uri(browser.Page.Url).AbsolutePath);
        await Expect(Navigation(browser, "概要")).ToBeVisibleAsync();
        await Expect(Navigation(browser, "承認")).ToBeVisibleAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "サインアウト" })).ToBeVisibleAsync();
        await Expect(browser.Page.Locator(".mud-table-pagination")).ToContainTextAsync("表示件数:"); // the table's pager too
        await browser.ExpectRenderedAsync();

        await browser.GoToAsync("/");
        await Expect(Navigation(browser, "概要")).ToBeVisibleAsync();

        await browser.SwitchLanguageAsync("en");
        await Expect(Navigation(browser, "Overview")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ABrowserAskingForJapaneseGetsJapaneseFromTheStart()
    {
        await using var browser = await DashboardBrowser.OpenAsync(dashboard.App, locale: "ja-JP");

        await browser.GoToAsync("/signin");
        await Expect(browser.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "サインイン" })).ToBeVisibleAsync();
        await browser.SignInOnThisPageAsync("aiko", CuratorRoles.Viewer);

        await Expect(Navigation(browser, "概要")).ToBeVisibleAsync();
        await Expect(Navigation(browser, "リポジトリ")).ToBeVisibleAsync();
        await browser.GoToAsync("/settings");
        await Expect(browser.Page.GetByText("あなたのロールではこのページを開けません")).ToBeVisibleAsync();
    }

    private static ILocator Navigation(DashboardBrowser browser, string name) =>
        browser.Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name, Exact = true });
}
