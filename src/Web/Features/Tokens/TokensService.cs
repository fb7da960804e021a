using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Tokens;

/// <summary>The API tokens as Settings shows them: Admins list, create (the token shown once) and revoke them.</summary>
public sealed class TokensService(IDbContextFactory<CuratorDbContext> contexts, CurrentUser user, TimeProvider time)
{
    public async Task<IReadOnlyList<TokenLine>> ListAsync(CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Admin, "see API tokens");
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var now = time.GetUtcNow();
        return await db.ApiTokens.AsNoTracking().OrderBy(token => token.RevokedAt != null).ThenBy(token => token.Name)
            .Select(token => new TokenLine(
                token.Name, token.Scopes, token.Teams, token.CreatedBy, token.CreatedAt, token.ExpiresAt, token.LastUsedAt, token.RevokedBy, token.RevokedAt,
                token.RevokedAt == null && token.ExpiresAt > now))
            .ToListAsync(cancellation);
    }

    /// <returns>The token, to be shown once.</returns>
    public async Task<string> CreateAsync(TokenRequest request, CancellationToken cancellation = default)
    {
        var actor = await user.RequireAsync(CuratorRoles.Admin, "create API tokens");
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        return await ApiTokens.CreateAsync(db, request, actor, time.GetUtcNow(), cancellation);
    }

    public async Task RevokeAsync(string name, CancellationToken cancellation = default)
    {
        var actor = await user.RequireAsync(CuratorRoles.Admin, "revoke API tokens");
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        await ApiTokens.RevokeAsync(db, name, actor, time.GetUtcNow(), cancellation);
    }
}

/// <summary>A token as Settings lists it (never its secret).</summary>
public sealed record TokenLine(
    string Name,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Teams,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt,
    string? RevokedBy,
    DateTimeOffset? RevokedAt,
    bool Active);
