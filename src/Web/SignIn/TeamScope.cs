using System.Linq.Expressions;
using System.Security.Claims;

namespace EcrCurator.Web.SignIn;

/// <summary>
/// Which teams' repositories someone may read and change: every team, unless their sign-in carries team claims
/// (<see cref="ClaimType"/>), which limit them to those teams. An API token restricted to teams carries them; so will
/// a person with team roles. Every feature service applies it the same way, to lists (<see cref="Apply{T}"/>) and to
/// single repositories (<see cref="Allows"/>); what lies outside it is treated as not there.
/// </summary>
public sealed class TeamScope
{
    public const string ClaimType = "curator:team";

    private static readonly TeamScope Everything = new(null);

    private readonly string[]? teams;

    private TeamScope(string[]? teams) => this.teams = teams;

    public bool IsEveryTeam => teams is null;

    public IReadOnlyList<string> Teams => teams ?? [];

    public static TeamScope Of(ClaimsPrincipal principal)
    {
        var claimed = principal.FindAll(ClaimType).Select(claim => claim.Value).Distinct(StringComparer.Ordinal).ToArray();
        return claimed.Length == 0 ? Everything : new TeamScope(claimed);
    }

    public bool Allows(string? team) => teams is null || (team is not null && teams.Contains(team, StringComparer.Ordinal));

    /// <summary>Only the rows whose team (<paramref name="team"/>, in SQL) is in scope.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> rows, Expression<Func<T, string?>> team)
    {
        if (teams is null)
        {
            return rows;
        }

        var allowed = teams;
        var inScope = Expression.Lambda<Func<T, bool>>(
            Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Constant(allowed), team.Body),
            team.Parameters);
        return rows.Where(inScope);
    }
}
