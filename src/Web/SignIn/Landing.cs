namespace EcrCurator.Web.SignIn;

/// <summary>Where a person lands after signing in: someone with team roles sent to the overview lands on "My teams".</summary>
public static class Landing
{
    public const string MyTeams = "/my-teams";

    /// <param name="path">Where the sign-in would go, under the site's base ("/" is the overview).</param>
    public static string After(string path, IReadOnlyList<TeamRole> teamRoles) => teamRoles.Count > 0 && path == "/" ? MyTeams : path;
}
