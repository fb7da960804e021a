using System.Net;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.SignIn;

/// <summary>The production sign-in end to end: the dashboard, a real OpenID Connect provider, and a cookie-keeping client.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class OpenIdConnectSignInTests
{
    /// <summary>A short revalidation interval, for the tests that wait for it.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData("platform-admins", "Admin")]
    [InlineData("platform", "Curator")]
    [InlineData("engineering", "Viewer")]
    public async Task APersonSignsInAtTheProviderAndGetsTheRoleTheirGroupMapsTo(string group, string role)
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await StartAsync(provider);
        provider.NextUser = ("carol", ["everyone", group]);
        using var browser = new FormFollowingClient(app.Address);

        var (address, page) = await browser.GetAsync("/repositories");

        Assert.Equal("/repositories", address.AbsolutePath);
        Assert.Contains($"carol · {role}", page);
    }

    [Fact]
    public async Task APersonInATeamGroupGetsTheTeamRoleAndLandsOnMyTeams()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await StartAsync(provider, TeamRoles);
        provider.NextUser = ("erin", ["everyone", "team-care-leads"]);
        using var browser = new FormFollowingClient(app.Address);

        var (address, page) = await browser.GetAsync("/");

        Assert.Equal("/my-teams", address.AbsolutePath);
        Assert.Contains("erin · Viewer", page);
        Assert.Contains("data-team=\"care\"", page);
        Assert.Contains(">Curator<", page);
    }

    [Fact]
    public async Task APersonsTeamRolesAreTheirOrganisationRolePlusTheirTeamGroupsAndFollowTheProviderOnRevalidation()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await StartAsync(provider, [.. TeamRoles, RevalidateQuickly]);
        provider.NextUser = ("erin", ["platform", "team-care-leads", "team-shop"]);
        using var browser = new FormFollowingClient(app.Address);
        var (_, page) = await browser.GetAsync("/my-teams");
        Assert.Contains("erin · Curator", page);
        Assert.Contains("data-team=\"care\"", page);
        Assert.Contains("data-team=\"shop\"", page);

        await Task.Delay(Interval, TestContext.Current.CancellationToken);
        var (_, kept) = await browser.GetAsync("/my-teams");

        Assert.Contains("data-team=\"care\"", kept);
        Assert.True(provider.Refreshes >= 1);

        provider.SetGroups("erin", "engineering", "team-shop");
        await Task.Delay(Interval, TestContext.Current.CancellationToken);
        var (_, changed) = await browser.GetAsync("/my-teams");

        Assert.Contains("erin · Viewer", changed);
        Assert.DoesNotContain("data-team=\"care\"", changed);
        Assert.Contains("data-team=\"shop\"", changed);

        provider.SetGroups("erin", "contractors");
        await Task.Delay(Interval, TestContext.Current.CancellationToken);
        var (refused, _) = await browser.GetAsync("/my-teams");

        Assert.Equal("/signin/refused", refused.AbsolutePath);
    }

    [Fact]
    public async Task ABadTeamRolesEntryFailsAtStartNamingTheKey()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Web.Server.BuildAsync(
        [
            "--environment", "Production", "--ConnectionStrings:Curator=Host=127.0.0.1;Port=9", "--Curator:SignIn:Mode=OpenIdConnect",
            "--Curator:SignIn:OpenIdConnect:Authority=https://login.example.com/", "--Curator:SignIn:OpenIdConnect:ClientId=curator",
            "--Curator:SignIn:OpenIdConnect:TeamRoles:0:Team=care", "--Curator:SignIn:OpenIdConnect:TeamRoles:0:Role=Curator",
            "--Curator:SignIn:OpenIdConnect:TeamRoles:1:Group=team-shop", "--Curator:SignIn:OpenIdConnect:TeamRoles:1:Role=Curator",
            "--Curator:SignIn:OpenIdConnect:TeamRoles:2:Group=team-care-admins", "--Curator:SignIn:OpenIdConnect:TeamRoles:2:Team=care",
            "--Curator:SignIn:OpenIdConnect:TeamRoles:2:Role=Owner",
        ]));

        Assert.Contains("Curator:SignIn:OpenIdConnect:TeamRoles:0:Group is not set", refused.Message);
        Assert.Contains("Curator:SignIn:OpenIdConnect:TeamRoles:1:Team is not set", refused.Message);
        Assert.Contains("Curator:SignIn:OpenIdConnect:TeamRoles:2:Role 'Owner' is not a team role", refused.Message);
        Assert.DoesNotContain("Roles maps no group", refused.Message);
    }

    [Fact]
    public async Task APersonInNoMappedGroupIsToldSoAndNotSignedIn()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await StartAsync(provider);
        provider.NextUser = ("eve", ["contractors"]);
        using var browser = new FormFollowingClient(app.Address);

        var (address, page) = await browser.GetAsync("/");

        Assert.Equal("/signin/refused", address.AbsolutePath);
        Assert.Contains("eve belongs to none of the groups that give a role in ECR Curator (groups: contractors)", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), cookie => cookie.Name == ".EcrCurator.Session");
    }

    [Fact]
    public async Task APersonWhoseNameIsANameOfAutomationIsRefused()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await StartAsync(provider);
        provider.NextUser = ("system", ["platform-admins"]);
        using var browser = new FormFollowingClient(app.Address);

        var (address, page) = await browser.GetAsync("/approvals");

        Assert.Equal("/signin/refused", address.AbsolutePath);
        Assert.Contains("system is a name the product's automation uses", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), cookie => cookie.Name == ".EcrCurator.Session");
    }

    [Fact]
    public async Task SigningOutEndsTheSessionHereAndAtTheProvider()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await StartAsync(provider);
        using var browser = new FormFollowingClient(app.Address);
        var (_, page) = await browser.GetAsync("/");
        Assert.Contains("carol · Admin", page);

        var (signedOut, _) = await browser.PostFormAsync("/signout", new Dictionary<string, string> { ["__RequestVerificationToken"] = HttpSignIn.TokenIn(page) });

        Assert.Equal("/signed-out", signedOut.AbsolutePath);
        Assert.Equal(1, provider.SignOuts);
        await ExpectSignedOutAsync(app, browser);
    }

    [Fact]
    public async Task NoReturnAddressLeadsAnywhereButThisSiteAfterTheProvidersCallback()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await StartAsync(provider);

        foreach (var start in (string[])["/signin/oidc", "/signin"])
        {
            foreach (var bypass in ReturnAddressTests.Bypasses)
            {
                using var browser = new FormFollowingClient(app.Address);

                var (address, page) = await browser.GetAsync($"{start}?returnUrl={Uri.EscapeDataString(bypass)}");

                Assert.True(browser.Redirects[^1] == "/", $"{start}?returnUrl={bypass} ended in Location: {browser.Redirects[^1]}");
                Assert.Equal((app.Address.Authority, "/"), (address.Authority, address.AbsolutePath));
                Assert.Contains("carol · Admin", page);
            }
        }

        using var person = new FormFollowingClient(app.Address);
        var (repositories, _) = await person.GetAsync($"/signin?returnUrl={Uri.EscapeDataString("/repositories?team=care")}");
        Assert.Equal("/repositories?team=care", repositories.PathAndQuery);
    }

    [Fact]
    public async Task TheRefusedPageShowsOnlyWhatTheProviderSaidNeverTextFromItsAddress()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await StartAsync(provider);
        using var browser = new FormFollowingClient(app.Address);

        var (_, page) = await browser.GetAsync("/signin/refused?user=The%20CEO&groups=call%20the%20helpdesk%20on%20%2B1-555-0100");

        Assert.DoesNotContain("The CEO", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("helpdesk", WebUtility.HtmlDecode(page));
    }

    [Fact]
    public async Task ARoleChangedAtTheProviderHoldsForTheNextRequestsWithinTheRevalidationInterval()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await StartAsync(provider, RevalidateQuickly);
        using var browser = new FormFollowingClient(app.Address);
        Assert.Contains("carol · Admin", (await browser.GetAsync("/settings")).Page);

        provider.SetGroups("carol", "everyone", "engineering");
        await Task.Delay(Interval, TestContext.Current.CancellationToken);
        var (_, demoted) = await browser.GetAsync("/settings");

        Assert.Contains("carol · Viewer", demoted);
        Assert.Contains("Your role does not allow this page", demoted);
        Assert.True(provider.Refreshes >= 1);

        provider.SetGroups("carol", "contractors");
        await Task.Delay(Interval, TestContext.Current.CancellationToken);
        var (refused, _) = await browser.GetAsync("/settings");

        Assert.Equal("/signin/refused", refused.AbsolutePath);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), cookie => cookie.Name == ".EcrCurator.Session");
    }

    [Fact]
    public async Task APersonTheProviderNoLongerKnowsIsSignedOutWithinTheRevalidationInterval()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await StartAsync(provider, RevalidateQuickly);
        using var browser = new FormFollowingClient(app.Address);
        Assert.Contains("carol · Admin", (await browser.GetAsync("/")).Page);

        provider.Disable("carol");
        await Task.Delay(Interval, TestContext.Current.CancellationToken);

        await ExpectSignedOutAsync(app, browser);
    }

    [Fact]
    public async Task SigningOutWithoutTheFormsTokenIsRefusedAndTheSessionGoesOn()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var app = await StartAsync(provider);
        using var browser = new FormFollowingClient(app.Address);
        Assert.Contains("carol · Admin", (await browser.GetAsync("/")).Page);

        using var forged = await browser.Client.PostAsync("/signout", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        using var bare = await browser.Client.PostAsync("/signout", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal(0, provider.SignOuts);
        Assert.Contains("carol · Admin", await browser.Client.GetStringAsync("/", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SettingsWithoutAClientIdOrRolesFailAtStartNamingTheKeys()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Web.Server.BuildAsync(
        [
            "--environment", "Production", "--ConnectionStrings:Curator=Host=127.0.0.1;Port=9", "--Curator:SignIn:Mode=OpenIdConnect",
            "--Curator:SignIn:OpenIdConnect:Authority=http://login.example.com/",
        ]));

        Assert.Contains("Curator:SignIn:OpenIdConnect:Authority must use https", refused.Message);
        Assert.Contains("Curator:SignIn:OpenIdConnect:ClientId is not set", refused.Message);
        Assert.Contains("Curator:SignIn:OpenIdConnect:Roles maps no group to a role", refused.Message);
    }

    private static string[] TeamRoles =>
    [
        "--Curator:SignIn:OpenIdConnect:TeamRoles:0:Group=team-care-leads", "--Curator:SignIn:OpenIdConnect:TeamRoles:0:Team=care",
        "--Curator:SignIn:OpenIdConnect:TeamRoles:0:Role=Curator",
        "--Curator:SignIn:OpenIdConnect:TeamRoles:1:Group=team-shop", "--Curator:SignIn:OpenIdConnect:TeamRoles:1:Team=shop",
        "--Curator:SignIn:OpenIdConnect:TeamRoles:1:Role=Viewer",
    ];

    private static string RevalidateQuickly => $"--Curator:SignIn:RevalidateMinutes={Interval.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The session is over: a page sends the person to sign in.</summary>
    private static async Task ExpectSignedOutAsync(DashboardApp app, FormFollowingClient browser)
    {
        using var again = await browser.Client.GetAsync("/repositories", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/signin", new Uri(app.Address, again.Headers.Location!).AbsolutePath);
    }

    private static async Task<DashboardApp> StartAsync(OidcProvider provider, params string[] settings) =>
        await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 }, [.. provider.DashboardSettings, .. settings]);
}
