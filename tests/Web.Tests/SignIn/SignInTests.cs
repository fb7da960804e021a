using System.Net;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.SignIn;

[Collection(AwsEnvironmentCollection.Name)]
public class SignInTests
{
    private const string Database = "--ConnectionStrings:Curator=Host=127.0.0.1;Port=9;Username=nobody";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task TheDevelopmentSignInRefusesToStartOutsideDevelopmentAndDemo(string environment)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Web.Server.BuildAsync(["--environment", environment, Database, "--Curator:SignIn:Mode=Development"]));

        Assert.Contains("Curator:SignIn:Mode=Development", refused.Message);
        Assert.Contains($"this is {environment}", refused.Message);
    }

    [Fact]
    public async Task AServerWithNoSignInConfiguredRefusesToStartNamingTheKey()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Web.Server.BuildAsync(["--environment", "Production", Database]));

        Assert.StartsWith("Curator:SignIn:Mode is not set", refused.Message);
    }

    [Fact]
    public async Task ADemoUserSignsInWithARoleAndIsSentBackWhereTheyWereGoing()
    {
        await using var app = await StartAsync();
        using var client = HttpSignIn.Client(app, out var cookies);

        using var unsigned = await client.GetAsync("/repositories", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, unsigned.StatusCode);
        Assert.StartsWith("/signin", unsigned.Headers.Location!.PathAndQuery);

        using var signedIn = await HttpSignIn.SignInAsync(client, "ben", "Curator", "/repositories");
        Assert.Equal("/repositories", signedIn.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync("/repositories", TestContext.Current.CancellationToken);
        Assert.Contains("ben · Curator", page);
    }

    [Fact]
    public async Task ASignInNeverSendsAnyoneToAnotherSite()
    {
        await using var app = await StartAsync();
        using var client = HttpSignIn.Client(app, out _);

        using var signedIn = await HttpSignIn.SignInAsync(client, "ben", "Viewer", "//evil.example/");

        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AViewerOpeningTheSettingsIsToldTheirRoleDoesNotAllowIt()
    {
        await using var app = await StartAsync();
        using var client = HttpSignIn.Client(app, out _);
        using var signedIn = await HttpSignIn.SignInAsync(client, "daniel", "Viewer", "/");

        using var settings = await client.GetAsync("/settings", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        var page = await client.GetStringAsync(settings.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Contains("Your role does not allow this page", page);
    }

    [Fact]
    public async Task ThePasswordlessSignInRefusesANameOfAutomation()
    {
        await using var app = await StartAsync();
        using var client = HttpSignIn.Client(app, out var cookies);

        foreach (var name in (string[])["system", "SYSTEM", "cli:ops"])
        {
            using var refused = await HttpSignIn.SignInAsync(client, name, "Admin");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("is a name the product's automation uses", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.DoesNotContain(cookies.GetAllCookies(), cookie => cookie.Name == ".EcrCurator.Session");
    }

    private static async Task<DashboardApp> StartAsync() => await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
}
