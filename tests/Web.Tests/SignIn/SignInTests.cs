using System.Net;
using System.Text.RegularExpressions;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.SignIn;

[Collection(AwsEnvironmentCollection.Name)]
public partial class SignInTests
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
        using var client = Client(app, out var cookies);

        using var unsigned = await client.GetAsync("/repositories", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, unsigned.StatusCode);
        Assert.StartsWith("/signin", unsigned.Headers.Location!.PathAndQuery);

        using var signedIn = await SignInAsync(client, "ben", "Curator", "/repositories");
        Assert.Equal("/repositories", signedIn.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync("/repositories", TestContext.Current.CancellationToken);
        Assert.Contains("ben · Curator", page);
    }

    [Fact]
    public async Task ASignInNeverSendsAnyoneToAnotherSite()
    {
        await using var app = await StartAsync();
        using var client = Client(app, out _);

        using var signedIn = await SignInAsync(client, "ben", "Viewer", "//evil.example/");

        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AViewerOpeningTheSettingsIsToldTheirRoleDoesNotAllowIt()
    {
        await using var app = await StartAsync();
        using var client = Client(app, out _);
        using var signedIn = await SignInAsync(client, "daniel", "Viewer", "/");

        using var settings = await client.GetAsync("/settings", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        var page = await client.GetStringAsync(settings.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Contains("Your role does not allow this page", page);
    }

    private static async Task<DashboardApp> StartAsync() => await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });

    private static HttpClient Client(DashboardApp app, out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.Address };
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string role, string returnUrl)
    {
        var form = await client.GetStringAsync("/signin", TestContext.Current.CancellationToken);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync("/signin/dev", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = user, ["role"] = role, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
