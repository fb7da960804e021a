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

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string role, string returnUrl = "/")
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
