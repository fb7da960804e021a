using System.Net;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Hosting;

/// <summary>The dashboard behind a TLS load balancer that forwards its headers and serves it under a path.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class ProxyTests
{
    [Fact]
    public async Task BehindAProxyUnderAPathItLinksRedirectsAndSignsInUnderThatPathWithSecureCookies()
    {
        await using var app = await DashboardApp.StartAsync(
            DashboardApp.SmallWorld with { Repositories = 3, Services = 2 }, "--Curator:Proxy:ForwardedHeaders=true", "--Curator:Proxy:PathBase=/curator");
        using var client = ProxiedClient(app);

        using var unsigned = await client.GetAsync("/curator/repositories", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, unsigned.StatusCode);
        Assert.Equal("https", unsigned.Headers.Location!.Scheme);
        Assert.Equal("/curator/signin", unsigned.Headers.Location.AbsolutePath);

        using var signInPage = await client.GetAsync(unsigned.Headers.Location.PathAndQuery, TestContext.Current.CancellationToken);
        var form = await signInPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<base href=\"/curator/\"", form);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/curator/signin/dev")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["user"] = "ben", ["role"] = "Curator", ["returnUrl"] = "/curator/repositories", ["__RequestVerificationToken"] = HttpSignIn.TokenIn(form),
            }),
        };
        post.Headers.Add("Cookie", signInPage.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]));
        using var signedIn = await client.SendAsync(post, TestContext.Current.CancellationToken);

        Assert.Equal("/curator/repositories", signedIn.Headers.Location!.OriginalString);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith(".EcrCurator.Session=", StringComparison.Ordinal) && cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
        using var page = new HttpRequestMessage(HttpMethod.Get, "/curator/repositories");
        page.Headers.Add("Cookie", signedIn.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]));
        var repositories = await (await client.SendAsync(page, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("href=\"approvals\"", repositories); // resolved against <base href="/curator/">
        Assert.DoesNotMatch("href=\"/(?!curator/)[a-z]", repositories);
        Assert.Equal("alive", await client.GetStringAsync("/curator/healthz", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WithoutForwardedHeadersSwitchedOnItIgnoresThem()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        using var client = ProxiedClient(app);

        using var unsigned = await client.GetAsync("/repositories", TestContext.Current.CancellationToken);

        Assert.Equal("http", unsigned.Headers.Location!.Scheme);
    }

    [Theory]
    [InlineData("--Curator:Proxy:KnownNetworks:0=10.0.0/99", "Curator:Proxy:KnownNetworks:0 is not a network in CIDR notation")]
    [InlineData("--Curator:Proxy:PathBase=curator/", "Curator:Proxy:PathBase must start with /")]
    public async Task AWrongProxySettingFailsAtStartNamingTheKey(string setting, string message)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Web.Server.BuildAsync(["--environment", "Development", "--ConnectionStrings:Curator=Host=127.0.0.1;Port=9", setting]));

        Assert.StartsWith(message, refused.Message);
    }

    /// <summary>A client whose requests carry what an https load balancer adds; cookies are passed by hand (they are Secure).</summary>
    private static HttpClient ProxiedClient(DashboardApp app)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.Address };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        return client;
    }
}
