using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Hosting;

[Collection(AwsEnvironmentCollection.Name)]
public class SecurityHeadersTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAnswerForbidsFramingAndSniffingAndKeepsItsAddressToItself()
    {
        await using var server = await RunningServer.StartAsync();

        foreach (var path in (string[])["/signin", "/repositories", "/app.css", "/healthz", "/no-such-page"])
        {
            using var response = await server.Client.GetAsync(path, Cancellation);

            Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
            Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
            Assert.Equal(["same-origin"], response.Headers.GetValues("Referrer-Policy"));
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{path} answered over http with HSTS");
        }
    }

    [Fact]
    public async Task OverHttpsBehindAProxyBrowsersAreToldToKeepToHttps()
    {
        await using var server = await RunningServer.StartAsync("--Curator:Proxy:ForwardedHeaders=true");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "curator.example.com");

        using var response = await server.Client.SendAsync(request, Cancellation);

        Assert.StartsWith("max-age=31536000", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
    }
}
