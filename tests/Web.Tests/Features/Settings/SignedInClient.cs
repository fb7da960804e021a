using System.Net;
using System.Text.RegularExpressions;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Features.Settings;

/// <summary>An HTTP client of the dashboard with a session cookie from the development sign-in; it does not follow redirects.</summary>
internal static partial class SignedInClient
{
    public static async Task<HttpClient> StartAsync(DashboardApp app, string? user, string role = "Viewer")
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.Address };
        if (user is null)
        {
            return client;
        }

        var form = await client.GetStringAsync("/signin", TestContext.Current.CancellationToken);
        using var signedIn = await client.PostAsync("/signin/dev", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = user, ["role"] = role, ["returnUrl"] = "/", ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
