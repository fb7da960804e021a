using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(EcrCurator.Web.Tests.Browser.Chromium))]

namespace EcrCurator.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium (<c>./test.sh</c> installs it; Playwright's own browsers are never downloaded), one for the whole
/// test assembly: launched when a test first asks for it, closed when the assembly's tests end. Each test gets a fresh
/// context from <see cref="DashboardBrowser"/>.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly SemaphoreSlim gate = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The running Chromium, launched on first use (again if it died).</summary>
    public async Task<IBrowser> GetAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (browser is { IsConnected: true })
            {
                return browser;
            }

            if (!File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException($"{ExecutablePath} is missing: run the tests with ./test.sh, which installs Debian's chromium package (or apt-get install chromium).");
            }

            // Assertions wait up to 15 s (Playwright's default is 5): two cores shared by a server, a simulator and Chromium.
            Assertions.SetDefaultExpectTimeout(15_000);
            playwright ??= await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Arguments });
            return browser;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The assembly's Chromium, from the test context (it is an assembly fixture).</summary>
    public static async Task<IBrowser> CurrentAsync() =>
        await (await TestContext.Current.GetFixture<Chromium>()
               ?? throw new InvalidOperationException("The Chromium assembly fixture is not available here: open browsers from inside a test.")).GetAsync();

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        gate.Dispose();
    }
}
