using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace EcrCurator.Web.SignIn;

/// <summary>
/// A sign-in at the OpenID Connect provider as the dashboard keeps it: who (the provider's subject), the refresh token
/// that reads their groups again, and the role found when the provider was last asked. The session cookie carries it
/// (the id and subject as claims, the rest in its encrypted properties), so that any server of the deployment can pick it up.
/// The team roles found with the role (<see cref="TeamRoles"/>) are kept and read again the same way.
/// </summary>
public sealed record ProviderSession(string Subject, string? RefreshToken, string? Role, DateTimeOffset CheckedAt)
{
    public IReadOnlyList<TeamRole> TeamRoles { get; init; } = [];

    public const string IdClaim = "curator:session";
    public const string SubjectClaim = "sub";
    private const string RefreshTokenName = "refresh_token";
    private const string CheckedItem = ".curator.role-checked";

    public static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    /// <summary>The session a cookie carries, with its id; none for the development sign-in.</summary>
    public static (string Id, ProviderSession Session)? In(ClaimsPrincipal principal, AuthenticationProperties properties) =>
        principal.FindFirstValue(IdClaim) is { } id && principal.FindFirstValue(SubjectClaim) is { } subject
            ? (id, new ProviderSession(
                subject,
                properties.GetTokenValue(RefreshTokenName),
                SignedInUser.From(principal).Role,
                DateTimeOffset.TryParse(properties.GetString(CheckedItem), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var checkedAt)
                    ? checkedAt
                    : DateTimeOffset.MinValue) { TeamRoles = SignedInUser.From(principal).TeamRoles })
            : null;

    /// <summary>Whether the person's roles (organisation-wide and per team) are the same as in <paramref name="other"/>.</summary>
    public bool SameRoles(ProviderSession other) => Role == other.Role && TeamRole.Same(TeamRoles, other.TeamRoles);

    /// <summary>The claims of a person signed in through the provider: name, role, team roles, and this session.</summary>
    public ClaimsPrincipal Principal(string id, string name, string role)
    {
        var principal = SignedInUser.Principal(name, role, "oidc", TeamRoles);
        ((ClaimsIdentity)principal.Identity!).AddClaims([new Claim(IdClaim, id), new Claim(SubjectClaim, Subject)]);
        return principal;
    }

    public void WriteTo(AuthenticationProperties properties)
    {
        properties.StoreTokens(RefreshToken is null ? [] : [new AuthenticationToken { Name = RefreshTokenName, Value = RefreshToken }]);
        properties.SetString(CheckedItem, CheckedAt.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>Whether the cookie must be written again to carry this rather than <paramref name="carried"/>.</summary>
    public bool Differs(ProviderSession carried) => RefreshToken != carried.RefreshToken || CheckedAt != carried.CheckedAt;
}
