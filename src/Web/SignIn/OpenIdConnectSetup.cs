using System.Security.Claims;
using EcrCurator.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace EcrCurator.Web.SignIn;

/// <summary>
/// The production sign-in: authorization code flow with PKCE at the configured provider. The session cookie then
/// carries only the person's name and role (from their groups); someone in no mapped group is sent to a page that
/// says so, and is not signed in.
/// </summary>
public static class OpenIdConnectSetup
{
    public static void AddOpenIdConnectSignIn(this AuthenticationBuilder authentication, OpenIdConnectSignIn settings) =>
        authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
        {
            oidc.Authority = settings.Authority;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            oidc.SaveTokens = false;
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
            oidc.Events.OnTokenValidated = context =>
            {
                var identity = context.Principal!;
                var name = identity.FindFirstValue(settings.NameClaim) ?? identity.FindFirstValue("sub") ?? "unknown";
                var groups = identity.FindAll(settings.GroupsClaim).Select(claim => claim.Value).ToList();
                // A name of the product's automation (system, cli:*) is never a person's: refused like a person without a role.
                if (Actors.IsAutomation(name) || settings.Roles.RoleOf(groups) is not { } role)
                {
                    context.HandleResponse();
                    context.Response.Redirect($"/signin/refused?user={Uri.EscapeDataString(name)}&groups={Uri.EscapeDataString(string.Join(", ", groups))}");
                    return Task.CompletedTask;
                }

                context.Principal = SignedInUser.Principal(name, role, "oidc");
                return Task.CompletedTask;
            };
        });
}
