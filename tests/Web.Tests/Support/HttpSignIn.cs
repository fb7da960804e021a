using System.Net;
using System.Text.RegularExpressions;

namespace EcrCurator.Web.Tests.Support;

/// <summary>Signs in to a running dashboard over HTTP with the development sign-in, keeping the session cookie.</summary>
public static partial class HttpSignIn
{
    /// <summary>A client of the dashboard that keeps cookies and does not follow redirects.</summary>
    public static HttpClient Client(DashboardApp app, out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.Address };
    }

    /// <param name="teamRole">A team role too, as <c>(team, role)</c>.</param>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string role, string returnUrl = "/", (string Team, string Role)? teamRole = null)
    {
        var token = TokenIn(await client.GetStringAsync("/signin", TestContext.Current.CancellationToken));
        return await client.PostAsync("/signin/dev", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = user, ["role"] = role, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
            ["team"] = teamRole?.Team ?? "", ["teamRole"] = teamRole?.Role ?? "",
        }), TestContext.Current.CancellationToken);
    }

    /// <summary>A client already signed in as <paramref name="user"/> (none: not signed in).</summary>
    public static async Task<HttpClient> SignedInClientAsync(DashboardApp app, string? user, string role = "Viewer")
    {
        var client = Client(app, out _);
        if (user is not null)
        {
            using var signedIn = await SignInAsync(client, user, role);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        return client;
    }

    /// <summary>The antiforgery token of a page's form.</summary>
    public static string TokenIn(string page) => AntiforgeryToken().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
