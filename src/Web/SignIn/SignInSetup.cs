using EcrCurator.Infrastructure.Persistence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EcrCurator.Web.SignIn;

/// <summary>
/// Cookie sessions for the dashboard, started by OpenID Connect or by the development sign-in (Development and Demo
/// environments only: anywhere else the app refuses to start with it).
/// </summary>
public static class SignInSetup
{
    /// <summary>How long a session lasts without a request (sliding).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() ?? new SignInOptions();
        var environment = builder.Environment.EnvironmentName;
        var developmentAllowed = SignInOptions.DevelopmentEnvironments.Contains(environment);
        options.Mode ??= developmentAllowed ? SignInOptions.DevelopmentMode : null;
        if (options.Problems().ToList() is { Count: > 0 } invalid)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, invalid));
        }

        switch (options.Mode)
        {
            case null:
                throw new InvalidOperationException(
                    $"{SignInOptions.Section}:Mode is not set: the {environment} environment has no sign-in. Set it to OpenIdConnect " +
                    $"(with {OpenIdConnectSignIn.Section}:Authority, :ClientId, :ClientSecret and :Roles); the development sign-in runs only in the Development and Demo environments.");
            case SignInOptions.DevelopmentMode when !developmentAllowed:
                throw new InvalidOperationException(
                    $"{SignInOptions.Section}:Mode=Development, the development sign-in without passwords, runs only in the Development and Demo environments; this is {environment}.");
            case SignInOptions.DevelopmentMode when environment == "Demo" && DemoEndpoints.RealAwsIn(builder.Configuration) is { } real:
                throw new InvalidOperationException(real);
            case SignInOptions.OpenIdConnectMode when options.OpenIdConnect.Problems().ToList() is { Count: > 0 } problems:
                throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
            case not (SignInOptions.DevelopmentMode or SignInOptions.OpenIdConnectMode):
                throw new InvalidOperationException($"{SignInOptions.Section}:Mode '{options.Mode}' is not a sign-in: use OpenIdConnect, or Development in the Development and Demo environments.");
        }

        builder.Services.Configure<SignInOptions>(bound => bound.Mode = options.Mode);
        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/denied";
            cookie.Cookie.Name = ".EcrCurator.Session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure behind a TLS load balancer, through the forwarded headers
            cookie.ExpireTimeSpan = SessionLifetime;
            cookie.SlidingExpiration = true;
        });
        if (options.Mode == SignInOptions.OpenIdConnectMode)
        {
            authentication.AddOpenIdConnectSignIn(options.OpenIdConnect);
        }

        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<CurrentUser>();
        return builder;
    }

    public static void MapSignIn(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SignInOptions>>().Value.Mode;
        if (mode == SignInOptions.DevelopmentMode)
        {
            app.MapPost("/signin/dev", SignInDevelopmentAsync);
        }
        else
        {
            app.MapGet("/signin/oidc", (HttpContext http, string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + ReturnAddress.PathFor(http.Request, returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]));
        }

        app.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            // The app bar's form carries the token: another site cannot sign a person out (nor start their sign-out at the provider).
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest("Sign out with the dashboard's Sign out button: this request carries no valid antiforgery token.");
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return mode == SignInOptions.OpenIdConnectMode
                ? Results.SignOut(new AuthenticationProperties { RedirectUri = http.Request.PathBase + "/signed-out" }, [OpenIdConnectDefaults.AuthenticationScheme])
                : Results.LocalRedirect("~/signin");
        });
    }

    private static async Task<IResult> SignInDevelopmentAsync(
        HttpContext http, [FromForm] string user, [FromForm] string role, [FromForm] string? returnUrl, [FromForm] string? team, [FromForm] string? teamRole)
    {
        if (string.IsNullOrWhiteSpace(user) || !CuratorRoles.IsRole(role))
        {
            return Results.BadRequest($"Pick a user and one of the roles {string.Join(", ", CuratorRoles.All)}.");
        }

        // A team role too, when a team is named: the role limited to that team's repositories.
        IReadOnlyList<TeamRole> teamRoles = string.IsNullOrWhiteSpace(team) || string.IsNullOrEmpty(teamRole) ? [] : [new TeamRole(team.Trim(), teamRole)];
        if (teamRoles.Count > 0 && !TeamRole.Roles.Contains(teamRole))
        {
            return Results.BadRequest($"A team role is one of {string.Join(", ", TeamRole.Roles)}.");
        }

        if (Actors.Refusal(user) is { } reserved)
        {
            return Results.BadRequest(reserved);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SignedInUser.Principal(user.Trim(), role, "development", teamRoles));
        return Results.LocalRedirect("~" + Landing.After(ReturnAddress.PathFor(http.Request, returnUrl), teamRoles));
    }

    /// <summary>Lets a feature service called from a plain HTTP endpoint (a CSV download) see who is asking.</summary>
    public static void UseRequestUser(this IServiceProvider services, HttpContext http) =>
        ((IHostEnvironmentAuthenticationStateProvider)services.GetRequiredService<AuthenticationStateProvider>())
        .SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
}
