using System.Text.Encodings.Web;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Web.Features.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Features.Api;

/// <summary>
/// Signs in an API request by its <c>Authorization: Bearer ecrc_…</c> token when the token is valid now (neither
/// revoked nor expired). A request without a valid token is answered 401, one whose token lacks the scope 403, both
/// as problem details.
/// </summary>
public sealed class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbContextFactory<CuratorDbContext> contexts, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var token = await ApiTokens.CheckAsync(db, header["Bearer ".Length..].Trim(), time.GetUtcNow(), Context.RequestAborted);
        return token is null
            ? AuthenticateResult.Fail("The token is unknown, revoked or expired.")
            : AuthenticateResult.Success(new AuthenticationTicket(ApiToken.Principal(token, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized, title: "A valid API token is needed",
            detail: "Send Authorization: Bearer TOKEN with a token an Admin created (Settings, or the token create command) that is neither revoked nor expired.")
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(
            statusCode: StatusCodes.Status403Forbidden, title: "The token's scopes do not allow this",
            detail: $"This token has the scopes {string.Join(", ", Context.User.FindAll(TokenScopes.ClaimType).Select(claim => claim.Value))}; this request needs another.")
            .ExecuteAsync(Context);
}
