using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>The app bar's image search: a digest prefix lands on the image, highlighted, in its repository.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class SearchingTests(SharedDashboard dashboard) : IClassFixture<SharedDashboard>
{
    [Fact]
    public async Task ADigestPrefixTypedInTheAppBarLandsOnTheImageHighlightedInItsRepository()
    {
        var (repositoryId, digest) = await OldestTopLevelImageAsync();
        await using var browser = await DashboardBrowser.SignInAsync(dashboard.App, "aiko", CuratorRoles.Viewer, "/approvals");

        var search = browser.TestId("image-search");
        await search.FillAsync(digest["sha256:".Length..][..10]);
        await search.PressAsync("Enter");

        await Expect(browser.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/repositories/{repositoryId}\\?digest="));
        await browser.WaitUntilLiveAsync();
        var found = browser.Page.Locator("[data-testid=image][data-found=true]");
        await Expect(found).ToHaveAttributeAsync("data-digest", digest);
        await Expect(browser.TestId("image-focus")).ToBeVisibleAsync();
        await Expect(found).ToBeInViewportAsync();
        await browser.ScreenshotAsync("found-image");

        await browser.TestId("image-focus").Locator("button, .mud-chip-close-button").First.ClickAsync();

        await Expect(browser.TestId("image-focus")).ToHaveCountAsync(0);
        await Expect(browser.TestId("image").Nth(1)).ToBeVisibleAsync();
        await browser.ExpectRenderedAsync();
    }

    [Fact]
    public async Task ATagOnSeveralImagesListsThemAndOneLeadsToItsRepository()
    {
        var tag = await ReadAsync(db => db.Images.Where(each => each.GoneAt == null && !each.IsDependent && each.Tags.Length > 0)
            .SelectMany(each => each.Tags).GroupBy(each => each).Where(group => group.Count() > 1).OrderBy(group => group.Key).Select(group => group.Key).FirstAsync());
        await using var browser = await DashboardBrowser.SignInAsync(dashboard.App, "aiko", CuratorRoles.Viewer);

        await browser.GoToAsync($"/search?q={Uri.EscapeDataString(tag)}");

        var hits = browser.TestId("search-hit");
        await Expect(hits.First).ToBeVisibleAsync();
        Assert.True(await hits.CountAsync() > 1);
        var digest = (await hits.First.GetAttributeAsync("data-digest"))!;
        await hits.First.GetByRole(AriaRole.Link).Last.ClickAsync();
        await Expect(browser.Page.Locator("[data-testid=image][data-found=true]")).ToHaveAttributeAsync("data-digest", digest);
    }

    private async Task<(long RepositoryId, string Digest)> OldestTopLevelImageAsync()
    {
        var image = await ReadAsync(db => db.Images.Where(each => each.GoneAt == null && !each.IsDependent)
            .OrderBy(each => each.PushedAt).ThenBy(each => each.Id).FirstAsync());
        return (image.RepositoryId, image.Digest);
    }

    private async Task<T> ReadAsync<T>(Func<CuratorDbContext, Task<T>> read)
    {
        await using var db = await dashboard.App.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync();
        return await read(db);
    }
}
