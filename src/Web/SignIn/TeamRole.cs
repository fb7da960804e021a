using System.Security.Claims;

namespace EcrCurator.Web.SignIn;

/// <summary>
/// A role limited to one team's repositories (<c>Curator:SignIn:OpenIdConnect:TeamRoles</c>): a team-scoped Curator
/// approves, rejects, pins and restores only that team's repositories. Reads stay organisation-wide (SPEC 1): a team
/// role does not narrow what a person sees, unlike a token's <see cref="TeamScope"/>. A person carries one claim
/// (<see cref="ClaimType"/>, <c>Role:team</c>) per team, with the highest role mapped for it.
/// </summary>
public sealed record TeamRole(string Team, string Role)
{
    public const string ClaimType = "curator:team-role";

    /// <summary>The roles a team role can be: the Admin's powers (policies, kill switch, settings) are organisation-wide.</summary>
    public static IReadOnlyList<string> Roles { get; } = [CuratorRoles.Viewer, CuratorRoles.Curator];

    public Claim ToClaim() => new(ClaimType, $"{Role}:{Team}");

    /// <summary>The team roles a principal carries (claims that are not <c>Role:team</c> with a team role are ignored).</summary>
    public static IReadOnlyList<TeamRole> Of(ClaimsPrincipal principal) =>
        Highest(principal.FindAll(ClaimType).Select(claim => claim.Value.Split(':', 2))
            .Where(parts => parts is [var role, { Length: > 0 }] && Roles.Contains(role))
            .Select(parts => new TeamRole(parts[1], parts[0])));

    /// <summary>One role per team, the highest, ordered by team: the form sessions compare.</summary>
    public static IReadOnlyList<TeamRole> Highest(IEnumerable<TeamRole> roles) =>
        [.. roles.GroupBy(each => each.Team, StringComparer.Ordinal)
            .Select(team => team.MaxBy(each => CuratorRoles.Rank(each.Role))!)
            .OrderBy(each => each.Team, StringComparer.Ordinal)];

    public static bool Same(IReadOnlyList<TeamRole> one, IReadOnlyList<TeamRole> other) => Highest(one).SequenceEqual(Highest(other));
}
