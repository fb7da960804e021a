using System.Net;
using System.Text.RegularExpressions;

namespace EcrCurator.Web.Tests.Support;

/// <summary>
/// An HTTP client that behaves like a browser without scripts, as far as sign-in needs: it keeps cookies, follows
/// redirects across sites, and submits the self-posting forms an OpenID Connect provider answers with.
/// </summary>
public sealed partial class FormFollowingClient : IDisposable
{
    public FormFollowingClient(Uri site)
    {
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = site };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>Every <c>Location</c> the journeys were sent to, exactly as the server wrote it.</summary>
    public List<string> Redirects { get; } = [];

    /// <returns>Where the journey ended and the page found there.</returns>
    public async Task<(Uri Address, string Page)> GetAsync(string path) => await FollowAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<(Uri Address, string Page)> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields) =>
        await FollowAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });

    private async Task<(Uri Address, string Page)> FollowAsync(HttpRequestMessage request)
    {
        for (var hop = 0; hop < 20; hop++)
        {
            var address = new Uri(Client.BaseAddress!, request.RequestUri!);
            request.RequestUri = address;
            using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
            var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect)
            {
                var location = response.Headers.NonValidated["Location"].ToString();
                Redirects.Add(location);
                request = new HttpRequestMessage(HttpMethod.Get, Uri.TryCreate(address, location, out var next)
                    ? next
                    : throw new InvalidOperationException($"{address} redirected to '{location}', which is no address."));
                continue;
            }

            if (SelfPostingForm().Match(page) is { Success: true } form)
            {
                var fields = HiddenField().Matches(form.Groups["fields"].Value)
                    .ToDictionary(field => WebUtility.HtmlDecode(field.Groups["name"].Value), field => WebUtility.HtmlDecode(field.Groups["value"].Value));
                request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, WebUtility.HtmlDecode(form.Groups["action"].Value))) { Content = new FormUrlEncodedContent(fields) };
                continue;
            }

            response.EnsureSuccessStatusCode();
            return (address, page);
        }

        throw new InvalidOperationException("More than 20 redirects: a sign-in loop.");
    }

    [GeneratedRegex("""<form[^>]*method="post"[^>]*action="(?<action>[^"]+)"[^>]*>(?<fields>.*?)</form>(?=.*\.submit\(\))""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SelfPostingForm();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"\s*/?>""", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenField();

    public void Dispose() => Client.Dispose();
}
