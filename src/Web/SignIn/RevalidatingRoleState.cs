using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace EcrCurator.Web.SignIn;

/// <summary>
/// An open dashboard connection's view of the person, asked again every tenth of <c>Curator:SignIn:RevalidateMinutes</c>:
/// when the provider no longer gives them the role (or the team roles) the connection started with, the connection signs out, and the page
/// loads again through the sign-in (with the new role, or to the refusal).
/// </summary>
public sealed class RevalidatingRoleState(ILoggerFactory loggers, ProviderSessions sessions) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => sessions.PollEvery;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.FindFirst(ProviderSession.IdClaim)?.Value is not { } id)
        {
            return true; // nobody, or the development sign-in
        }

        var current = await sessions.CurrentAsync(id, carried: null, cancellationToken);
        var user = SignedInUser.From(authenticationState.User);
        return current?.Role is { } role && role == user.Role && TeamRole.Same(current.TeamRoles, user.TeamRoles);
    }
}
