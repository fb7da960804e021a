using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.SignIn;

namespace EcrCurator.Web.Features.Tokens;

/// <summary>
/// An API token as presented: <c>ecrc_ID_SECRET</c>, where SECRET is 32 random bytes (base64url). Only the SHA-256 of
/// the secret is stored; a presented token is checked against it in constant time.
/// </summary>
public static class ApiToken
{
    public const string Prefix = "ecrc_";

    /// <summary>Who a token acts as in the audit log: automation, by the token's name.</summary>
    public const string ActorPrefix = Actors.TokenPrefix;

    public static string Actor(string name) => ActorPrefix + name;

    /// <summary>A new secret and its hash.</summary>
    public static (string Secret, byte[] Hash) NewSecret()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (secret, Hash(secret));
    }

    public static string Format(long id, string secret) => $"{Prefix}{id}_{secret}";

    /// <summary>The token's id and secret, or null when it is not of the product's form.</summary>
    public static (long Id, string Secret)? Parse(string presented)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = presented.AsSpan(Prefix.Length);
        var underscore = rest.IndexOf('_');
        return underscore > 0 && long.TryParse(rest[..underscore], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
               && rest.Length - underscore - 1 is > 0 and < 200
            ? (id, rest[(underscore + 1)..].ToString())
            : null;
    }

    public static bool Matches(ApiTokenRow token, string secret) => CryptographicOperations.FixedTimeEquals(token.SecretHash, Hash(secret));

    /// <summary>The principal a valid token signs in as: its name as actor, its scopes, the roles they lend, its teams.</summary>
    public static ClaimsPrincipal Principal(ApiTokenRow token, string authenticationType)
    {
        var roles = token.Scopes.Select(TokenScopes.Role).OfType<string>().Select(CuratorRoles.Rank).DefaultIfEmpty(-1).Max();
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, Actor(token.Name)),
                .. token.Scopes.Select(scope => new Claim(TokenScopes.ClaimType, scope)),
                .. roles < 0 ? [] : CuratorRoles.Including(CuratorRoles.All[roles]).Select(role => new Claim(ClaimTypes.Role, role)),
                .. token.Teams.Select(team => new Claim(TeamScope.ClaimType, team)),
            ],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role));
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
