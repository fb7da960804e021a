using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace EcrCurator.Web.Tests.Support;

/// <summary>
/// A real OpenID Connect provider on 127.0.0.1 (OpenIddict, authorization code flow with PKCE, refresh tokens, one
/// client), which signs in <see cref="NextUser"/> without asking: the test decides who is at the keyboard and which
/// groups they have, and can change a person's groups later (<see cref="SetGroups"/>): a refresh token then yields the
/// groups of that moment, as a directory would.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "ecr-curator";
    public const string ClientSecret = "not-a-real-secret";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string[]?> directory = new();

    private OidcProvider(WebApplication app, Uri issuer)
    {
        this.app = app;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    /// <summary>The dashboard's settings for signing in here (Production, with the groups platform-admins, platform and engineering mapped).</summary>
    public string[] DashboardSettings =>
    [
        "--environment", "Production",
        "--Curator:SignIn:Mode=OpenIdConnect",
        $"--Curator:SignIn:OpenIdConnect:Authority={Issuer}",
        $"--Curator:SignIn:OpenIdConnect:ClientId={ClientId}",
        $"--Curator:SignIn:OpenIdConnect:ClientSecret={ClientSecret}",
        "--Curator:SignIn:OpenIdConnect:RequireHttpsMetadata=false",
        "--Curator:SignIn:OpenIdConnect:Roles:Viewer:0=engineering",
        "--Curator:SignIn:OpenIdConnect:Roles:Curator:0=platform",
        "--Curator:SignIn:OpenIdConnect:Roles:Admin:0=platform-admins",
    ];

    public (string Name, string[] Groups) NextUser { get; set; } = ("carol", ["platform-admins"]);

    /// <summary>How many times the end-session endpoint was called.</summary>
    public int SignOuts { get; private set; }

    /// <summary>How many times a refresh token was redeemed.</summary>
    public int Refreshes { get; private set; }

    /// <summary>Changes a person's groups in the directory: their next sign-in or refresh token yields these.</summary>
    public void SetGroups(string name, params string[] groups) => directory[name] = groups;

    /// <summary>Disables a person: the provider refuses their sign-in and their refresh tokens.</summary>
    public void Disable(string name) => directory[name] = null;

    public static async Task<OidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/logout");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess);
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();

            // No database: OpenIddict's degraded mode, with the one client checked here.
            server.EnableDegradedMode();
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.RedirectUri is not { } redirect || !(redirect.StartsWith("http://127.0.0.1:", StringComparison.Ordinal) || redirect.StartsWith("https://127.0.0.1:", StringComparison.Ordinal)))
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or redirect URI.");
                }

                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
            server.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(_ => default));
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().EnableEndSessionEndpointPassthrough()
                .DisableTransportSecurityRequirement();
        });

        var app = builder.Build();
        OidcProvider? provider = null;
        app.MapGet("connect/authorize", (HttpContext http) =>
        {
            var name = provider!.NextUser.Name;
            return provider.directory.GetOrAdd(name, provider.NextUser.Groups) is { } groups
                ? Results.SignIn(Person(name, groups, http.GetOpenIddictServerRequest()!.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
                : Refused(Errors.AccessDenied);
        });
        app.MapPost("connect/token", async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var granted = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
            var name = granted.GetClaim(Claims.PreferredUsername)!;
            if (!request.IsRefreshTokenGrantType())
            {
                return Results.SignIn(granted, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }

            provider!.Refreshes++;
            return provider.directory.TryGetValue(name, out var groups) && groups is not null
                ? Results.SignIn(Person(name, groups, granted.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
                : Refused(Errors.InvalidGrant);
        });
        app.MapMethods("connect/logout", ["GET", "POST"], () =>
        {
            provider!.SignOuts++;
            return Results.SignOut(new AuthenticationProperties(), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });

        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider = new OidcProvider(app, new Uri(address + "/"));
        return provider;
    }

    private static IResult Refused(string error) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?> { [OpenIddictServerAspNetCoreConstants.Properties.Error] = error }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>Who the provider says the person is: their name and groups, in the ID token.</summary>
    private static ClaimsPrincipal Person(string name, IEnumerable<string> groups, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, "user-" + name));
        identity.AddClaim(new Claim(Claims.PreferredUsername, name));
        identity.AddClaim(new Claim(Claims.Name, name));
        foreach (var group in groups)
        {
            identity.AddClaim(new Claim("groups", group));
        }

        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
