using EcrCurator.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>
/// A person at the dashboard in a browser: a fresh Chromium context on <see cref="DashboardApp"/>, signed in through the
/// real <c>/signin</c> page. Every page it goes to is awaited until its Blazor circuit is live (clicks then reach the
/// server) and saved as a full-page screenshot (<see cref="Screenshots"/>).
/// <code>
/// await using var browser = await DashboardBrowser.SignInAsync(app, "ben", CuratorRoles.Curator);
/// await browser.GoToAsync("/approvals");
/// await browser.TestId("approve").ClickAsync();
/// </code>
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    /// <summary>The browser's language when a test does not choose one.</summary>
    public const string English = "en-US";

    private const string LiveCircuit = "[data-circuit=live]";
    private const string CircuitTerminated = "unhandled exception on the current circuit";

    /// <summary>Resolves once the DOM has not changed for 300 ms, or after 5 s.</summary>
    private const string Quiet = """
        () => new Promise(resolve => {
            let quiet;
            const done = () => { observer.disconnect(); clearTimeout(quiet); clearTimeout(limit); resolve(); };
            const observer = new MutationObserver(() => { clearTimeout(quiet); quiet = setTimeout(done, 300); });
            observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
            quiet = setTimeout(done, 300);
            const limit = setTimeout(done, 5000);
        })
        """;

    private readonly IBrowserContext context;
    private readonly Screenshots screenshots = new();
    private readonly List<string> consoleErrors = [];

    private DashboardBrowser(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;

        // A first navigation runs the whole OpenID Connect round trip on a cold server: on a loaded 2-core machine it
        // passed Playwright's 30 s default. Assertions keep their own limits.
        page.SetDefaultNavigationTimeout(90_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);
    }

    /// <summary>The page, for anything the helpers do not cover (Playwright's locators wait by themselves).</summary>
    public IPage Page { get; }

    /// <summary>Errors the page wrote to the browser's console (a circuit that died says so there).</summary>
    public IReadOnlyList<string> ConsoleErrors => consoleErrors;

    /// <summary>A browser on the app, nobody signed in. <paramref name="locale"/> sets its language (Accept-Language).</summary>
    public static async Task<DashboardBrowser> OpenAsync(DashboardApp app, string locale = English)
    {
        var chromium = await Chromium.CurrentAsync();
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.Address.ToString(),
            Locale = locale,
            IgnoreHTTPSErrors = true, // a dashboard on https has the tests' own self-signed certificate
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        return new DashboardBrowser(context, await context.NewPageAsync());
    }

    /// <summary>A browser signed in as <paramref name="user"/> (one of the demo users) with <paramref name="role"/>, on <paramref name="page"/>.</summary>
    public static async Task<DashboardBrowser> SignInAsync(DashboardApp app, string user, string role, string page = "/", string locale = English)
    {
        var browser = await OpenAsync(app, locale);
        try
        {
            await browser.SignInAsAsync(user, role, page);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Goes to the <c>/signin</c> page and signs in there (<see cref="SignInOnThisPageAsync"/>), to land on <paramref name="page"/>.</summary>
    public async Task SignInAsAsync(string user, string role, string page = "/")
    {
        await GoToAsync($"/signin?returnUrl={Uri.EscapeDataString(page)}");
        await SignInOnThisPageAsync(user, role);
    }

    /// <summary>On the sign-in page, signs in as a person would: picks the user and the role, submits, and waits for the page it leads to.</summary>
    public async Task SignInOnThisPageAsync(string user, string role) => await SignInOnThisPageAsync(user, role, null);

    /// <param name="teamRole">A team role too (the development sign-in's team and team role), as <c>(team, role)</c>.</param>
    public async Task SignInOnThisPageAsync(string user, string role, (string Team, string Role)? teamRole)
    {
        var form = TestId("dev-signin");
        var choice = form.Locator($"input[name=user][value='{user}']");
        if (await choice.CountAsync() == 0)
        {
            throw new ArgumentException($"The sign-in page does not offer '{user}'; it offers the demo users (Curator:SignIn:DemoUsers).", nameof(user));
        }

        await choice.CheckAsync();
        await form.Locator($"input[name=role][value='{role}']").CheckAsync();
        if (teamRole is var (team, ofTeam))
        {
            await form.Locator($"input[name=teamRole][value='{ofTeam}']").CheckAsync();
            await form.Locator("input[name=team]").FillAsync(team);
        }

        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(TestId("signed-in-as")).ToHaveTextAsync($"{user} · {role}");
        await ArriveAsync();
    }

    /// <summary>Loads <paramref name="path"/> (a full page load), waits until its circuit is live, and screenshots it.</summary>
    /// <returns>The answer to the last request of the load (after redirects), when there was one.</returns>
    public async Task<IResponse?> GoToAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        await ArriveAsync();
        return response;
    }

    /// <summary>Switches the dashboard's language with the app bar's menu (<c>en</c> or <c>ja</c>): the page reloads in it.</summary>
    public async Task SwitchLanguageAsync(string language)
    {
        await TestId("language").Locator("button").First.ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = language == "ja" ? "日本語" : "English" }).ClickAsync();
        await Page.Locator($"html[lang={language}]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await ArriveAsync();
    }

    /// <summary>The element with <c>data-testid="<paramref name="id"/>"</c>.</summary>
    public ILocator TestId(string id) => Page.GetByTestId(id);

    /// <summary>MudBlazor's snackbar messages (refusals, conflicts and confirmations say themselves there).</summary>
    public ILocator Snackbar => Page.Locator(".mud-snackbar");

    /// <summary>The open MudBlazor dialog.</summary>
    public ILocator Dialog => Page.Locator(".mud-dialog");

    /// <summary>Waits until the page's Blazor circuit is connected and has rendered (the layouts mark it).</summary>
    public Task WaitUntilLiveAsync() => Page.Locator(LiveCircuit).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Waits until the page has stopped changing (no DOM change for 300 ms, at most 5 s): data loaded, dialogs open.</summary>
    public async Task SettleAsync()
    {
        try
        {
            await Page.EvaluateAsync(Quiet);
        }
        catch (PlaywrightException) when (Page.IsClosed is false)
        {
            await Page.WaitForLoadStateAsync(); // the page navigated away meanwhile: a new document is loading
        }
    }

    /// <summary>Saves a full-page screenshot now (after waiting for the page to settle), named after the test and <paramref name="name"/>.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        await SettleAsync();
        return await screenshots.TakeAsync(Page, name);
    }

    /// <summary>Asserts the page rendered: its circuit is live, no error boundary shows, and the circuit did not die.</summary>
    public async Task ExpectRenderedAsync()
    {
        await Expect(Page.Locator(LiveCircuit)).ToBeAttachedAsync();
        await Expect(TestId("page-error")).ToHaveCountAsync(0);
        Assert.DoesNotContain(consoleErrors, error => error.Contains(CircuitTerminated, StringComparison.OrdinalIgnoreCase));
    }

    private async Task ArriveAsync()
    {
        await WaitUntilLiveAsync();
        await ScreenshotAsync(Screenshots.NameOf(Page.Url));
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
