using EcrCurator.Web.SignIn;
using Microsoft.AspNetCore.Http;

namespace EcrCurator.Web.Tests.SignIn;

/// <summary>Where a sign-in (or a language switch) sends someone afterwards: only to a path of this site.</summary>
public class ReturnAddressTests
{
    /// <summary>
    /// Return addresses that lead elsewhere, as the query string delivers them (decoded once): browsers drop tabs and line
    /// breaks and read a backslash as a slash, so <c>/&lt;TAB&gt;/evil.example</c> is <c>//evil.example</c> to them.
    /// </summary>
    public static readonly IReadOnlyList<string> Bypasses =
    [
        "//evil.example/phish", "/\\evil.example/phish", "\\\\evil.example/phish", "\\/evil.example/phish", "///evil.example/phish",
        "/\t/evil.example/phish", "/\r/evil.example/phish", "/\n/evil.example/phish", "/\r\n/evil.example/phish", "/\t\\evil.example/phish",
        " //evil.example/phish", "/ /evil.example/phish", "/\u00a0/evil.example/phish", "/\u3000/evil.example/phish", "/\0/evil.example",
        "/%2F/evil.example/phish", "/%2f/evil.example/phish", "/%5Cevil.example/phish", "/%09/evil.example/phish", "/%0D%0A/evil.example/phish",
        "%2F%2Fevil.example/phish", "https://evil.example/phish", "http:evil.example", "HTTPS://evil.example", "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "evil.example", "~//evil.example", "",
    ];

    public static TheoryData<string> EveryBypass => [.. Bypasses];

    [Theory]
    [MemberData(nameof(EveryBypass))]
    public void AnAddressThatLeadsElsewhereSendsThePersonToTheOverview(string bypass) =>
        Assert.Equal("/", ReturnAddress.PathFor(new DefaultHttpContext().Request, bypass));

    [Theory]
    [InlineData("/")]
    [InlineData("/repositories")]
    [InlineData("/repositories?team=care&q=api%2Fweb")]
    [InlineData("/approvals/42#images")]
    public void APathOfThisSiteIsKept(string path) =>
        Assert.Equal(path, ReturnAddress.PathFor(new DefaultHttpContext().Request, path));

    [Theory]
    [InlineData("/curator/repositories", "/repositories")]
    [InlineData("/repositories", "/repositories")]
    [InlineData("/curator//evil.example", "/")]
    public void UnderAPathBaseThePathIsTakenRelativeToIt(string returnUrl, string path)
    {
        var request = new DefaultHttpContext().Request;
        request.PathBase = "/curator";

        Assert.Equal(path, ReturnAddress.PathFor(request, returnUrl));
    }
}
