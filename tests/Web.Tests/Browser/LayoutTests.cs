using System.Text.Json;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>
/// Every page fits the width of a laptop's browser (issue 20): nothing scrolls sideways, neither the page nor a table
/// inside it, at 1440×900 and 1280×800. One dashboard for the class (<see cref="SharedDashboard"/>): it only looks.
/// </summary>
[Collection(AwsEnvironmentCollection.Name)]
public class LayoutTests(SharedDashboard dashboard) : IClassFixture<SharedDashboard>
{
    /// <summary>A repository with images in use, index children and signatures attached by a cosign tag: the widest of the image tables.</summary>
    private const string RichestRepository = """
        SELECT repository_id FROM images WHERE gone_at IS NULL GROUP BY repository_id
        HAVING bool_or(cardinality(used_by) > 0) AND bool_or(cardinality(manifests) > 0) AND bool_or(array_to_string(tags, ' ') LIKE '%sha256-%.sig%')
        ORDER BY count(*) DESC, repository_id LIMIT 1
        """;

    /// <summary>The page's own width, and every element that scrolls sideways (its content wider than itself).</summary>
    private const string Overflow = """
        () => {
            const page = document.scrollingElement || document.documentElement;
            const wide = [...document.querySelectorAll('body *')]
                .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${e.scrollWidth} in ${e.clientWidth}`);
            return JSON.stringify({ scrollWidth: page.scrollWidth, clientWidth: page.clientWidth, wide });
        }
        """;

    /// <summary>How many rows of the Overview's totals end short of the row's end (an empty slot after their last card).</summary>
    private const string ShortRows = """
        () => {
            const row = document.querySelector('[data-testid=totals]');
            const ends = {};
            for (const card of row.children) {
                const box = card.getBoundingClientRect();
                ends[Math.round(box.top)] = Math.max(ends[Math.round(box.top)] ?? 0, box.right);
            }
            return Object.values(ends).filter(end => row.getBoundingClientRect().right - end > 2).length;
        }
        """;

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(1280, 800)]
    public async Task NoPageScrollsSidewaysAndTheRepositoryPageShowsDecisionAndPinWithoutScrolling(int width, int height)
    {
        var repository = await WebTestDatabase.CountAsync(dashboard.App.Database, RichestRepository);
        var proposal = await WebTestDatabase.CountAsync(dashboard.App.Database, "SELECT min(id) FROM proposals");
        await using var browser = await DashboardBrowser.OpenAsync(dashboard.App);
        await browser.Page.SetViewportSizeAsync(width, height);

        var misfits = new List<string>();
        await browser.GoToAsync("/signin");
        await CheckFitsAsync(browser, "/signin", misfits);
        await browser.SignInOnThisPageAsync("chiara", CuratorRoles.Admin);

        foreach (var page in new[] { "/", "/repositories", $"/repositories/{repository}", "/approvals", $"/approvals/{proposal}", "/pins", "/history", "/settings" })
        {
            await browser.GoToAsync(page);
            await browser.ExpectRenderedAsync();
            await CheckFitsAsync(browser, page, misfits);
            if (page == "/" && await browser.Page.EvaluateAsync<int>(ShortRows) is > 0 and var rows)
            {
                misfits.Add($"On the Overview {rows} row(s) of totals end with an empty slot.");
            }
        }

        await browser.GoToAsync("/history");
        await browser.Page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Audit log" }).ClickAsync();
        await browser.ScreenshotAsync("audit-tab");
        await CheckFitsAsync(browser, "/history (audit log)", misfits);

        await browser.GoToAsync($"/repositories/{repository}");
        var images = browser.TestId("images");
        await Expect(images.GetByTestId("dependent-row").First).ToBeVisibleAsync();
        var runs = images.GetByTestId("where-it-runs").First;
        await runs.GetByTestId("where-it-runs-summary").ClickAsync();
        await Expect(browser.Page.Locator("[data-testid=where-it-runs-all] [data-testid=used-by]"))
            .ToHaveCountAsync(int.Parse((await runs.GetAttributeAsync("data-count"))!, System.Globalization.CultureInfo.InvariantCulture));
        await browser.ScreenshotAsync("where-it-runs");
        await browser.Page.Keyboard.PressAsync("Escape");
        await Expect(images.Locator("[data-testid=tag][data-attachment=sig]").First).ToBeVisibleAsync();
        foreach (var element in new[] { images.GetByTestId("decision").First, images.GetByTestId("pin").First, images.GetByTestId("reason-chip").First })
        {
            var box = await element.BoundingBoxAsync();
            Assert.NotNull(box);
            if (box.X < 0 || box.X + box.Width > width)
            {
                misfits.Add($"{element} of the image table ends at {box.X + box.Width} px, beyond the window's {width} px.");
            }
        }

        Assert.True(misfits.Count == 0, string.Join(Environment.NewLine, misfits));
    }

    /// <summary>Adds to <paramref name="misfits"/> what of <paramref name="page"/> does not fit the window's width.</summary>
    private static async Task CheckFitsAsync(DashboardBrowser browser, string page, List<string> misfits)
    {
        await browser.SettleAsync();
        var overflow = JsonDocument.Parse(await browser.Page.EvaluateAsync<string>(Overflow)).RootElement;
        var scrollWidth = overflow.GetProperty("scrollWidth").GetInt32();
        var clientWidth = overflow.GetProperty("clientWidth").GetInt32();
        if (scrollWidth > clientWidth)
        {
            misfits.Add($"{page} is {scrollWidth} px wide in a window of {clientWidth} px.");
        }

        if (overflow.GetProperty("wide").GetArrayLength() > 0)
        {
            misfits.Add($"On {page} these scroll sideways: {overflow.GetProperty("wide")}.");
        }
    }
}
