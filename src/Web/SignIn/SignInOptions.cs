namespace EcrCurator.Web.SignIn;

/// <summary>How people sign in to the dashboard (<c>Curator:SignIn</c>).</summary>
public sealed class SignInOptions
{
    public const string Section = "Curator:SignIn";
    public const string DevelopmentMode = "Development";
    public const string OpenIdConnectMode = "OpenIdConnect";

    /// <summary>The development sign-in (pick a demo user and role, no password), allowed only in these environments.</summary>
    public static readonly IReadOnlyList<string> DevelopmentEnvironments = ["Development", "Demo"];

    /// <summary><c>OpenIdConnect</c>, or <c>Development</c> (the default in the Development and Demo environments).</summary>
    public string? Mode { get; set; }

    /// <summary>The people the development sign-in offers.</summary>
    public List<string> DemoUsers { get; set; } = ["aiko", "ben", "chiara", "daniel"];

    /// <summary>
    /// How often, at most, a signed-in person's role is read again from the OpenID Connect provider (with their refresh
    /// token), for their requests and their open dashboard alike: someone taken out of a group loses the role within it.
    /// </summary>
    public double RevalidateMinutes { get; set; } = 5;

    public OpenIdConnectSignIn OpenIdConnect { get; set; } = new();

    public TimeSpan RevalidateEvery => TimeSpan.FromMinutes(RevalidateMinutes);

    public IEnumerable<string> Problems()
    {
        // No longer than a session lasts without a request (the cookie's 8 hours).
        if (!(RevalidateMinutes > 0 && RevalidateMinutes <= 480))
        {
            yield return $"{Section}:RevalidateMinutes must be more than 0 and at most 480 (it is {RevalidateMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)}).";
        }
    }
}

/// <summary>
/// Sign-in through an OpenID Connect provider (<c>Curator:SignIn:OpenIdConnect</c>): the role comes from the groups
/// the provider puts in a claim, mapped in configuration; a person in none of the mapped groups is refused.
/// </summary>
public sealed class OpenIdConnectSignIn
{
    public const string Section = SignInOptions.Section + ":OpenIdConnect";

    /// <summary>The provider's issuer, e.g. <c>https://login.example.com/realms/platform</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The scopes asked for; <c>offline_access</c> brings the refresh token the role is re-read with.</summary>
    public List<string> Scopes { get; set; } = ["openid", "profile", "offline_access"];

    /// <summary>The claim of the ID token (or user info) that lists the person's groups.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The claim shown and audited as the person's name.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>Only for a provider on a private network without TLS (tests); keep true in production.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The groups that make a person a Viewer, a Curator, an Admin; the highest role found wins.</summary>
    public RoleGroups Roles { get; set; } = new();

    /// <summary>
    /// Groups that give a role limited to one team (<c>:TeamRoles:N:Group</c>, <c>:Team</c>, <c>:Role</c>), e.g.
    /// <c>team-care-leads</c> → Curator of <c>care</c>. A person's permissions are their organisation-wide role plus
    /// their team roles; someone with team roles only is a Viewer organisation-wide (reads are for everyone).
    /// </summary>
    public List<TeamRoleGroup> TeamRoles { get; set; } = [];

    public sealed class TeamRoleGroup
    {
        public string? Group { get; set; }

        public string? Team { get; set; }

        public string? Role { get; set; }
    }

    /// <summary>What the groups make a person: their organisation-wide role (none: refused) and their team roles.</summary>
    public (string? Role, IReadOnlyList<TeamRole> TeamRoles) RolesOf(IReadOnlyCollection<string> groups)
    {
        var teamRoles = TeamRole.Highest(TeamRoles.Where(each => each.Group is { } group && groups.Contains(group))
            .Select(each => new TeamRole(each.Team!, each.Role!)));
        return (Roles.RoleOf(groups) ?? (teamRoles.Count > 0 ? CuratorRoles.Viewer : null), teamRoles);
    }

    public sealed class RoleGroups
    {
        public List<string> Viewer { get; set; } = [];

        public List<string> Curator { get; set; } = [];

        public List<string> Admin { get; set; } = [];

        /// <summary>The highest role one of the groups maps to, if any.</summary>
        public string? RoleOf(IReadOnlyCollection<string> groups)
        {
            // Empty entries (an unset variable in a compose file) map nobody.
            bool In(List<string> mapped) => mapped.Any(group => !string.IsNullOrWhiteSpace(group) && groups.Contains(group));
            return In(Admin) ? CuratorRoles.Admin : In(Curator) ? CuratorRoles.Curator : In(Viewer) ? CuratorRoles.Viewer : null;
        }
    }

    /// <summary>Every problem with these settings, each naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority))
        {
            yield return $"{Section}:Authority must be the provider's absolute URL (it is '{Authority}').";
        }
        else if (RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
        {
            yield return $"{Section}:Authority must use https (it is {Authority}); {Section}:RequireHttpsMetadata=false allows http for a provider on a private network.";
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return $"{Section}:ClientId is not set: the client id of the dashboard's registration at the provider.";
        }

        if (!Scopes.Contains("openid"))
        {
            yield return $"{Section}:Scopes must include openid (they are {string.Join(" ", Scopes)}).";
        }

        if (string.IsNullOrWhiteSpace(GroupsClaim))
        {
            yield return $"{Section}:GroupsClaim is empty: name the claim that carries the person's groups.";
        }

        if (!Roles.Viewer.Concat(Roles.Curator).Concat(Roles.Admin).Any(group => !string.IsNullOrWhiteSpace(group)) && TeamRoles.Count == 0)
        {
            yield return $"{Section}:Roles maps no group to a role: set {Section}:Roles:Viewer, :Curator or :Admin to lists of group names (or {Section}:TeamRoles).";
        }

        foreach (var (entry, index) in TeamRoles.Select((entry, index) => (entry, index)))
        {
            var key = $"{Section}:TeamRoles:{index}";
            if (string.IsNullOrWhiteSpace(entry.Group))
            {
                yield return $"{key}:Group is not set: name the provider's group that gives the team role.";
            }

            if (string.IsNullOrWhiteSpace(entry.Team))
            {
                yield return $"{key}:Team is not set: name the team (as repositories are tagged) the role is limited to.";
            }

            if (entry.Role is null || !TeamRole.Roles.Contains(entry.Role))
            {
                yield return $"{key}:Role '{entry.Role}' is not a team role: use {string.Join(" or ", TeamRole.Roles)} (an Admin is organisation-wide).";
            }
        }
    }
}
