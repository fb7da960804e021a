namespace EcrCurator.Web.Features.Tokens;

/// <summary>What an API token may do (SPEC 11): read repositories, decisions, proposals and pins; pin and unpin; report usage.</summary>
public static class TokenScopes
{
    public const string Read = "read";
    public const string PinsWrite = "pins:write";
    public const string UsageReport = "usage:report";

    /// <summary>The claim a token's principal carries for each of its scopes.</summary>
    public const string ClaimType = "curator:scope";

    public static IReadOnlyList<string> All { get; } = [Read, PinsWrite, UsageReport];

    /// <summary>The scopes that change something: every use of one is audited.</summary>
    public static bool Writes(string scope) => scope != Read;

    /// <summary>
    /// The dashboard role a scope lends its token, so that the feature services authorize a token as they authorize a
    /// person: <c>read</c> reads as a Viewer does, <c>pins:write</c> pins as a Curator does; <c>usage:report</c> none.
    /// </summary>
    public static string? Role(string scope) => scope switch
    {
        Read => SignIn.CuratorRoles.Viewer,
        PinsWrite => SignIn.CuratorRoles.Curator,
        _ => null,
    };
}
