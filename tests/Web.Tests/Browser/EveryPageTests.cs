using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Browser;

[Collection(AwsEnvironmentCollection.Name)]
public class EveryPageTests(SharedDashboard dashboard) : IClassFixture<SharedDashboard>
{
    private static readonly string[] Pages = ["/", "/my-teams", "/repositories", "/search", "/approvals", "/pins", "/history"];

    [Theory]
    [InlineData("chiara", CuratorRoles.Admin)]
    [InlineData("aiko", CuratorRoles.Viewer)]
    public async Task EveryPageOfTheRoleRendersWithoutAnError(string user, string role)
    {
        await using var browser = await DashboardBrowser.SignInAsync(dashboard.App, user, role);

        foreach (var page in role == CuratorRoles.Admin ? [.. Pages, "/settings"] : Pages)
        {
            var response = await browser.GoToAsync(page);

            Assert.True(response is { Ok: true }, $"{page} answered {response?.Status}.");
            Assert.Equal(page, new Uri(browser.Page.Url).AbsolutePath);
            await browser.ExpectRenderedAsync();
        }
    }
}
