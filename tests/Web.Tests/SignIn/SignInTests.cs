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
    public async Task ADemoUserWithATeamRoleLandsOnMyTeamsWhichListsTheirTeam()
    {
        await using var app = await StartAsync();
        using var client = HttpSignIn.Client(app, out _);

        using var signedIn = await HttpSignIn.SignInAsync(client, "erin", "Viewer", "/", ("care", "Curator"));
        var page = await client.GetStringAsync("/my-teams", TestContext.Current.CancellationToken);

        Assert.Equal("/my-teams", signedIn.Headers.Location!.OriginalString);
        Assert.Contains("erin · Viewer", page);
        Assert.Contains("data-testid=\"nav-my-teams\"", page);
        Assert.Contains("data-team=\"care\"", page);
    }

    [Fact]
    public async Task ADemoUserWithATeamRoleGoingElsewhereIsSentThereAndOneWithoutSeesNoMyTeamsInTheMenu()
    {
        await using var app = await StartAsync();
        using var teamMember = HttpSignIn.Client(app, out _);
        using var viewer = HttpSignIn.Client(app, out _);

        using var elsewhere = await HttpSignIn.SignInAsync(teamMember, "erin", "Viewer", "/repositories", ("care", "Curator"));
        using var plain = await HttpSignIn.SignInAsync(viewer, "ben", "Curator", "/");
        using var unknownRole = await HttpSignIn.SignInAsync(HttpSignIn.Client(app, out _), "erin", "Viewer", "/", ("care", "Admin"));

        Assert.Equal("/repositories", elsewhere.Headers.Location!.OriginalString);
        Assert.Equal("/", plain.Headers.Location!.OriginalString);
        Assert.DoesNotContain("nav-my-teams", await viewer.GetStringAsync("/repositories", TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
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
    public async Task NoReturnAddressOfTheDevelopmentSignInLeadsAnywhereButThisSite()
    {
        await using var app = await StartAsync();

        foreach (var bypass in ReturnAddressTests.Bypasses)
        {
            using var client = HttpSignIn.Client(app, out _);
            using var signedIn = await HttpSignIn.SignInAsync(client, "ben", "Viewer", bypass);

            // Sent to the overview, or (a NUL in the form) refused outright.
            var location = signedIn.Headers.NonValidated.TryGetValues("Location", out var values) ? values.ToString() : null;
            Assert.True(
                signedIn.StatusCode == HttpStatusCode.BadRequest && location is null || signedIn.StatusCode == HttpStatusCode.Redirect && location == "/",
                $"returnUrl={bypass}: {signedIn.StatusCode}, Location: {location}");
        }
    }

    [Fact]
    public async Task SigningOutNeedsTheFormsToken()
    {
        await using var app = await StartAsync();
        using var client = HttpSignIn.Client(app, out _);
        using var signedIn = await HttpSignIn.SignInAsync(client, "ben", "Curator", "/");
        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        using var forged = await client.PostAsync("/signout", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("ben · Curator", await client.GetStringAsync("/", TestContext.Current.CancellationToken));

        using var signedOut = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = HttpSignIn.TokenIn(page) }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        using var after = await client.GetAsync("/repositories", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Theory]
    [InlineData("--AWS_ENDPOINT_URL=")]
    [InlineData("--AWS_ENDPOINT_URL=https://api.ecr.ap-northeast-1.amazonaws.com")]
    public async Task TheDemoSignInRefusesToStartWithoutAnAwsEndpointOverride(string endpoint)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Web.Server.BuildAsync(["--environment", "Demo", Database, "--Curator:Database:MigrateOnStart=false", "--Curator:Jobs:RunServer=false", endpoint]));

        Assert.Contains("AWS_ENDPOINT_URL", refused.Message);
        Assert.Contains("Demo", refused.Message);
    }

    [Fact]
    public async Task TheDemoSignInStartsAgainstTheSimulator()
    {
        await using var app = await Web.Server.BuildAsync(
            ["--environment", "Demo", Database, "--Curator:Database:MigrateOnStart=false", "--Curator:Jobs:RunServer=false", "--AWS_ENDPOINT_URL=http://simulator:4566"]);

        Assert.Equal("Demo", app.Environment.EnvironmentName);
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

        foreach (var name in (string[])["system", "SYSTEM", "cli:ops", "token:deploy-care"])
        {
            using var refused = await HttpSignIn.SignInAsync(client, name, "Admin");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("is a name the product's automation uses", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.DoesNotContain(cookies.GetAllCookies(), cookie => cookie.Name == ".EcrCurator.Session");
    }

    private static async Task<DashboardApp> StartAsync() => await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
}
