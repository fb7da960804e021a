using EcrCurator.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Authorization;

namespace EcrCurator.Web.SignIn;

/// <summary>
/// The person a feature service acts for. Every mutation asks it first (<see cref="RequireAsync"/>), so that the
/// service refuses what the role does not allow even when a button was not hidden.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<SignedInUser> GetAsync() => SignedInUser.From((await authentication.GetAuthenticationStateAsync()).User);

    /// <returns>The name to record as the actor: <c>token:NAME</c>.</returns>
    /// <exception cref="AccessRefusedException">Unless an API token with <paramref name="scope"/> is acting.</exception>
    public async Task<string> RequireScopeAsync(string scope, string action)
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        return principal.HasClaim(Features.Tokens.TokenScopes.ClaimType, scope) && principal.Identity?.Name is { Length: > 0 } name
            ? name
            : throw new AccessRefusedException($"Only an API token with the {scope} scope can {action}.");
    }

    /// <summary>The teams whose repositories the person (or token) may read and change.</summary>
    public async Task<TeamScope> TeamsAsync() => TeamScope.Of((await authentication.GetAuthenticationStateAsync()).User);

    /// <returns>The name to record as the actor.</returns>
    /// <exception cref="AccessRefusedException">When the person's role is below <paramref name="role"/>.</exception>
    public async Task<string> RequireAsync(string role, string action)
    {
        var user = await GetAsync();
        return user.IsIn(role) ? user.Name : throw Refusal(user, role, action);
    }

    /// <summary>
    /// For a change to one team's repositories: the person's organisation-wide role or their role in
    /// <paramref name="team"/> must be at least <paramref name="role"/>; anyone else is refused as a Viewer is.
    /// </summary>
    /// <returns>The name to record as the actor.</returns>
    /// <exception cref="AccessRefusedException">When neither role is high enough.</exception>
    public async Task<string> RequireForTeamAsync(string role, string? team, string action)
    {
        var user = await GetAsync();
        return user.IsIn(role, team) ? user.Name : throw Refusal(user, role, action);
    }

    private static AccessRefusedException Refusal(SignedInUser user, string role, string action) => new(
        $"Only {(role == CuratorRoles.Admin ? "an Admin" : "a Curator or an Admin")} can {action}; {user.Name} is signed in as {user.Role ?? "nobody"}"
        + (user.TeamRoles.Count == 0 ? "." : $" ({string.Join(", ", user.TeamRoles.Select(each => $"{each.Role} of {each.Team}"))})."));
}

/// <summary>A person tried something their role does not allow.</summary>
public sealed class AccessRefusedException(string message) : DashboardException(message);
