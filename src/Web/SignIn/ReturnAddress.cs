using System.Diagnostics.CodeAnalysis;

namespace EcrCurator.Web.SignIn;

/// <summary>
/// Where a sign-in (or a language switch) sends someone afterwards: a path of this site, else the overview. Browsers
/// drop tabs and line breaks from an address and read a backslash as a slash (<c>/&lt;TAB&gt;/evil.example</c> is
/// <c>//evil.example</c>, another site, to them), so a return address is printable ASCII starting with one slash, and
/// stays so once percent-decoded.
/// </summary>
public static class ReturnAddress
{
    public static bool IsLocal([NotNullWhen(true)] string? url) => url is not null && IsLocalAsWritten(url) && IsLocalDecoded(Uri.UnescapeDataString(url));

    /// <summary>
    /// Where to go after signing in, as a path under the site's base: a path of this site, with the base taken off when
    /// the cookie middleware included it; anything else goes to the overview.
    /// </summary>
    public static string PathFor(HttpRequest request, string? returnUrl)
    {
        if (!IsLocal(returnUrl))
        {
            return "/";
        }

        var pathBase = request.PathBase.Value;
        var path = !string.IsNullOrEmpty(pathBase) && returnUrl.StartsWith(pathBase + "/", StringComparison.OrdinalIgnoreCase) ? returnUrl[pathBase.Length..] : returnUrl;
        return IsLocal(path) ? path : "/";
    }

    private static bool IsLocalAsWritten(string url) =>
        StartsWithOneSlash(url) && url.All(character => character is > ' ' and < '\u007f' and not '\\');

    /// <summary>Decoded, a query may hold spaces and any letter, but still no control character nor backslash.</summary>
    private static bool IsLocalDecoded(string url) =>
        StartsWithOneSlash(url) && !url.Any(character => char.IsControl(character) || character == '\\');

    private static bool StartsWithOneSlash(string url) => url is ['/', ..] and not ['/', '/' or '\\', ..];
}
