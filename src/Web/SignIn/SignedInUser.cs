using System.Security.Claims;
using EcrCurator.Infrastructure.Persistence;

namespace EcrCurator.Web.SignIn;

/// <summary>Who is acting, with their organisation-wide role (their highest) and their team roles (<see cref="TeamRole"/>).</summary>
public sealed record SignedInUser(string Name, string? Role)
{
    /// <summary>Roles limited to one team's repositories, one per team.</summary>
    public IReadOnlyList<TeamRole> TeamRoles { get; init; } = [];

    /// <summary>Whether the organisation-wide role is at least <paramref name="role"/>.</summary>
    public bool IsIn(string role) => Role is not null && CuratorRoles.Rank(Role) >= CuratorRoles.Rank(role);

    /// <summary>Whether the person holds <paramref name="role"/> for <paramref name="team"/>'s repositories: organisation-wide or as a team role.</summary>
    public bool IsIn(string role, string? team) =>
        IsIn(role) || (team is not null && TeamRoles.Any(each => each.Team == team && CuratorRoles.Rank(each.Role) >= CuratorRoles.Rank(role)));

    /// <summary>The teams the person holds a team role in ("My teams").</summary>
    public IReadOnlyList<string> Teams => [.. TeamRoles.Select(each => each.Team)];

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
        return new SignedInUser(name, role) { TeamRoles = role is null ? [] : TeamRole.Of(principal) };
    }

    /// <summary>The claims a person signed in with a role carries: their name, the role with every role below it, and their team roles.</summary>
    public static ClaimsPrincipal Principal(string name, string role, string authenticationType, IEnumerable<TeamRole>? teamRoles = null) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, name), .. CuratorRoles.Including(role).Select(included => new Claim(ClaimTypes.Role, included)),
                .. TeamRole.Highest(teamRoles ?? []).Select(teamRole => teamRole.ToClaim()),
            ],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role));
}
