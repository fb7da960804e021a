namespace EcrCurator.Web.SignIn;

/// <summary>
/// The three roles of SPEC 1, each including the ones below it: a Curator is also a Viewer, an Admin also a Curator.
/// A signed-in person carries a role claim for their role and every role below it, so <c>[Authorize(Roles = …)]</c>
/// names the least role an action needs.
/// </summary>
public static class CuratorRoles
{
    public const string Viewer = nameof(Viewer);
    public const string Curator = nameof(Curator);
    public const string Admin = nameof(Admin);

    /// <summary>Lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Curator, Admin];

    public static bool IsRole(string role) => All.Contains(role);

    /// <summary>The role and every role it includes.</summary>
    public static IEnumerable<string> Including(string role) => All.Take(Rank(role) + 1);

    public static int Rank(string role) => All.ToList().IndexOf(role) is var rank and >= 0
        ? rank
        : throw new ArgumentException($"'{role}' is not a role; the roles are {string.Join(", ", All)}.", nameof(role));
}
