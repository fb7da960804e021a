using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EcrCurator.Web.Features.Tokens;

/// <summary>
/// Creating, revoking and checking API tokens, for the Settings page and the <c>token</c> command alike (each
/// authorizes its caller first). Creation and revocation are audited with the person who did it.
/// </summary>
public static class ApiTokens
{
    public const int DefaultDays = 90;
    public const int MostDays = 3650;
    public const int NameLength = 100;

    /// <summary>Don't write a token's last use more often than this.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <returns>The token as it must be presented: shown this once, never stored.</returns>
    public static async Task<string> CreateAsync(CuratorDbContext db, TokenRequest request, string actor, DateTimeOffset now, CancellationToken cancellation)
    {
        if (request.Problems().FirstOrDefault() is { } problem)
        {
            throw new DashboardException(problem);
        }

        var (secret, hash) = ApiToken.NewSecret();
        var token = db.ApiTokens.Add(new ApiTokenRow
        {
            Name = request.Name.Trim(), SecretHash = hash, Scopes = [.. request.Scopes.Distinct().Order(StringComparer.Ordinal)],
            Teams = [.. request.Teams.Select(team => team.Trim()).Distinct().Order(StringComparer.Ordinal)],
            CreatedBy = actor, CreatedAt = now, ExpiresAt = now.AddDays(request.ExpiresInDays ?? DefaultDays),
        }).Entity;
        AuditLog.Record(db, actor, "token.created", ApiToken.Actor(token.Name), new { token.Scopes, token.Teams, token.ExpiresAt }, at: now);
        try
        {
            await db.SaveChangesAsync(cancellation);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException($"A token named {token.Name} exists already (revoked tokens keep their names): choose another name.");
        }

        return ApiToken.Format(token.Id, secret);
    }

    public static async Task RevokeAsync(CuratorDbContext db, string name, string actor, DateTimeOffset now, CancellationToken cancellation)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(row => row.Name == name, cancellation)
                    ?? throw new NotFoundException($"There is no token named {name}.");
        if (token.RevokedAt is not null)
        {
            return; // revoked already: nothing changes
        }

        (token.RevokedAt, token.RevokedBy) = (now, actor);
        AuditLog.Record(db, actor, "token.revoked", ApiToken.Actor(token.Name), new { token.Scopes, token.Teams, token.ExpiresAt, token.LastUsedAt }, at: now);
        await db.SaveChangesAsync(cancellation);
    }

    /// <summary>The token a presented string stands for, when it is valid now (not revoked, not expired); its last use is noted.</summary>
    public static async Task<ApiTokenRow?> CheckAsync(CuratorDbContext db, string presented, DateTimeOffset now, CancellationToken cancellation)
    {
        if (ApiToken.Parse(presented) is not var (id, secret))
        {
            return null;
        }

        var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(row => row.Id == id, cancellation);
        if (token is null || !ApiToken.Matches(token, secret) || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return null;
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt >= LastUseResolution)
        {
            await db.ApiTokens.Where(row => row.Id == id).ExecuteUpdateAsync(setters => setters.SetProperty(row => row.LastUsedAt, now), cancellation);
        }

        return token;
    }
}

/// <summary>What a new token is: its name, scopes, teams (none: every team) and how many days it lasts.</summary>
public sealed record TokenRequest(string Name, IReadOnlyList<string> Scopes, IReadOnlyList<string> Teams, int? ExpiresInDays)
{
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > ApiTokens.NameLength || Name.Any(character => char.IsWhiteSpace(character) || char.IsControl(character)))
        {
            yield return $"A token's name is 1 to {ApiTokens.NameLength} characters without spaces, for example deploy-care.";
        }

        if (Scopes.Count == 0)
        {
            yield return $"A token needs at least one scope: {string.Join(", ", TokenScopes.All)}.";
        }

        foreach (var scope in Scopes.Where(scope => !TokenScopes.All.Contains(scope)))
        {
            yield return $"'{scope}' is not a scope; the scopes are {string.Join(", ", TokenScopes.All)}.";
        }

        if (Teams.Any(string.IsNullOrWhiteSpace))
        {
            yield return "A team's name is empty.";
        }

        if (ExpiresInDays is < 1 or > ApiTokens.MostDays)
        {
            yield return $"A token expires in 1 to {ApiTokens.MostDays} days.";
        }
    }
}
