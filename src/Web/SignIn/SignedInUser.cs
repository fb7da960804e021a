using System.Security.Claims;
using EcrCurator.Infrastructure.Persistence;

namespace EcrCurator.Web.SignIn;

/// <summary>Who is acting, and with which role (their highest).</summary>
public sealed record SignedInUser(string Name, string? Role)
{
    public bool IsIn(string role) => Role is not null && CuratorRoles.Rank(Role) >= CuratorRoles.Rank(role);

    public static SignedInUser From(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return new SignedInUser("anonymous", null);
        }

        // A name of the product's automation is never a person's, whatever a session says (sign-in refuses it too); only
        // an API token, authenticated as one, acts under its token:NAME with the role its scopes lend.
        var token = principal.Identity.AuthenticationType == Features.Api.TokenAuthentication.SchemeName
                    && name.StartsWith(Actors.TokenPrefix, StringComparison.Ordinal);
        var role = Actors.IsAutomation(name) && !token ? null : CuratorRoles.All.LastOrDefault(principal.IsInRole);
        return new SignedInUser(name, role);
    }

    /// <summary>The claims a person signed in with a role carries: their name and the role with every role below it.</summary>
    public static ClaimsPrincipal Principal(string name, string role, string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), .. CuratorRoles.Including(role).Select(included => new Claim(ClaimTypes.Role, included))],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role));
}
