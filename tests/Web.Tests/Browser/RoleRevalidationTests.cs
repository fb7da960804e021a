using System.Diagnostics;
using System.Globalization;
using EcrCurator.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>
/// A dashboard left open in a browser follows the identity provider: its live connection re-reads the person's role
/// within <c>Curator:SignIn:RevalidateMinutes</c>, without the person doing anything.
/// </summary>
[Collection(AwsEnvironmentCollection.Name)]
public class RoleRevalidationTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(6);

    /// <summary>What the page needs after the role is lost: to load again, through the provider.</summary>
    private static readonly TimeSpan Reload = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AnOpenDashboardLosesARoleTakenAwayAtTheProviderWithinTheInterval()
    {
        // Over https, as in production: browsers keep the sign-in's correlation cookie (SameSite=None) only when it is Secure.
        using var certificate = new TestCertificate("127.0.0.1", "dashboard");
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await DashboardApp.StartAsync(
            DashboardApp.SmallWorld with { Repositories = 3, Services = 2 },
            [.. provider.DashboardSettings, .. certificate.HttpsSettings, $"--Curator:SignIn:RevalidateMinutes={Interval.TotalMinutes.ToString(CultureInfo.InvariantCulture)}"]);
        await using var browser = await DashboardBrowser.OpenAsync(app);
        await browser.GoToAsync("/settings");
        await Expect(browser.TestId("signed-in-as")).ToHaveTextAsync("carol · Admin");
        await browser.Page.EvaluateAsync("() => window.stillTheSamePage = true");

        await Task.Delay(Interval * 1.5, TestContext.Current.CancellationToken);
        Assert.True(await browser.Page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The page reloaded although the role had not changed.");
        Assert.True(provider.Refreshes >= 1, "The role was not re-read at the provider.");

        provider.SetGroups("carol", "everyone", "engineering");
        var demoted = Stopwatch.StartNew();
        await Expect(browser.Page.GetByText("Your role does not allow this page"))
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = (float)(Interval + Reload).TotalMilliseconds });
        demoted.Stop();
        await Expect(browser.TestId("signed-in-as")).ToHaveTextAsync("carol · Viewer");
        Assert.Equal("/denied", new Uri(browser.Page.Url).AbsolutePath); // loaded again: the server sends a Viewer asking for the settings there

        provider.SetGroups("carol", "contractors");
        await Expect(browser.TestId("signin-refused")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = (float)(Interval + Reload).TotalMilliseconds });
        Assert.Equal("/signin/refused", new Uri(browser.Page.Url).AbsolutePath);
        TestContext.Current.TestOutputHelper?.WriteLine($"The demotion showed {demoted.Elapsed.TotalSeconds:0.0} s after the provider's change (interval {Interval.TotalSeconds} s).");
    }
}
