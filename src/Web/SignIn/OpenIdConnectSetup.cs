using System.Security.Claims;
using EcrCurator.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace EcrCurator.Web.SignIn;

/// <summary>
/// The production sign-in: authorization code flow with PKCE at the configured provider. The session cookie then
/// carries the person's name and role (from their groups) and the refresh token that reads their groups again within
/// <c>Curator:SignIn:RevalidateMinutes</c> (<see cref="ProviderSessions"/>); someone in no mapped group is sent to a
/// page that says so, and is not signed in.
/// </summary>
public static class OpenIdConnectSetup
{
    public static void AddOpenIdConnectSignIn(this AuthenticationBuilder authentication, OpenIdConnectSignIn settings)
    {
        authentication.Services.AddSingleton<ProviderSessions>();
        authentication.Services.AddScoped<AuthenticationStateProvider, RevalidatingRoleState>();
        authentication.Services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            cookie.Events.OnValidatePrincipal = RevalidateAsync);
        authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
        {
            oidc.Authority = settings.Authority;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            oidc.SaveTokens = false; // only the refresh token is kept (ProviderSession)
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.MapInboundClaims = false;
            oidc.Scope.Clear();
            foreach (var scope in settings.Scopes)
            {
                oidc.Scope.Add(scope);
            }

            // Secure whenever the request is https (behind a TLS load balancer through the forwarded headers).
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.TokenValidationParameters.NameClaimType = settings.NameClaim;
            oidc.Events.OnTokenValidated = context => SignedInAsync(context, settings);
        });
    }

    private static Task SignedInAsync(TokenValidatedContext context, OpenIdConnectSignIn settings)
    {
        var identity = context.Principal!;
        var name = identity.FindFirstValue(settings.NameClaim) ?? identity.FindFirstValue(ProviderSession.SubjectClaim) ?? "unknown";
        var groups = identity.FindAll(settings.GroupsClaim).Select(claim => claim.Value).ToList();
        var services = context.HttpContext.RequestServices;

        // A name of the product's automation (system, cli:*) is never a person's: refused like a person without a role.
        var (found, teamRoles) = settings.RolesOf(groups);
        if (Actors.IsAutomation(name) || found is not { } role)
        {
            context.HandleResponse();
            var refused = new RefusedSignIn(name, groups).Seal(services.GetRequiredService<IDataProtectionProvider>());
            context.Response.Redirect($"{context.Request.PathBase}/signin/refused?person={Uri.EscapeDataString(refused)}");
            return Task.CompletedTask;
        }

        var session = new ProviderSession(
            identity.FindFirstValue(ProviderSession.SubjectClaim) ?? name, context.TokenEndpointResponse?.RefreshToken, role, services.GetRequiredService<TimeProvider>().GetUtcNow())
        {
            TeamRoles = teamRoles,
        };
        var id = ProviderSession.NewId();
        context.Principal = session.Principal(id, name, role);
        session.WriteTo(context.Properties!);
        var pathBase = context.Request.PathBase.Value ?? "";
        if (context.Properties!.RedirectUri is { } redirect && redirect.StartsWith(pathBase + "/", StringComparison.Ordinal))
        {
            context.Properties.RedirectUri = pathBase + Landing.After(redirect[pathBase.Length..], teamRoles);
        }
        services.GetRequiredService<ProviderSessions>().Start(id, session);
        return Task.CompletedTask;
    }

    /// <summary>Each request of a session: its role as the provider now says (read again when due), or signed out.</summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || ProviderSession.In(context.Principal, context.Properties) is not { } found)
        {
            return;
        }

        var (id, carried) = found;
        var current = await context.HttpContext.RequestServices.GetRequiredService<ProviderSessions>().CurrentAsync(id, carried, context.HttpContext.RequestAborted);
        if (current?.Role is not { } role)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        var changed = !current.SameRoles(carried);
        if (changed)
        {
            context.ReplacePrincipal(current.Principal(id, context.Principal.Identity!.Name!, role));
        }

        if (changed || current.Differs(carried))
        {
            current.WriteTo(context.Properties);
            context.ShouldRenew = true;
        }
    }
}
