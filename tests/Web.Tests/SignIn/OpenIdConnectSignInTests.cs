using System.Net;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.SignIn;

/// <summary>The production sign-in end to end: the dashboard, a real OpenID Connect provider, and a cookie-keeping client.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class OpenIdConnectSignInTests
{
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
        using var again = await browser.Client.GetAsync("/repositories", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/signin", new Uri(app.Address, again.Headers.Location!).AbsolutePath);
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

    private static async Task<DashboardApp> StartAsync(OidcProvider provider) => await DashboardApp.StartAsync(
        DashboardApp.SmallWorld with { Repositories = 3, Services = 2 },
        "--environment", "Production",
        "--Curator:SignIn:Mode=OpenIdConnect",
        $"--Curator:SignIn:OpenIdConnect:Authority={provider.Issuer}",
        $"--Curator:SignIn:OpenIdConnect:ClientId={OidcProvider.ClientId}",
        $"--Curator:SignIn:OpenIdConnect:ClientSecret={OidcProvider.ClientSecret}",
        "--Curator:SignIn:OpenIdConnect:RequireHttpsMetadata=false",
        "--Curator:SignIn:OpenIdConnect:Roles:Viewer:0=engineering",
        "--Curator:SignIn:OpenIdConnect:Roles:Curator:0=platform",
        "--Curator:SignIn:OpenIdConnect:Roles:Admin:0=platform-admins");
}
