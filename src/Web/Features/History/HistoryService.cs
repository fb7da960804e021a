using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.History;

/// <summary>What the History pages read: ended executions with each image's outcome, and the audit log. Nothing here changes anything.</summary>
public sealed partial class HistoryService(IDbContextFactory<CuratorDbContext> contexts, CurrentUser user, DisplayZone zone)
{
    private static readonly string[] Ended = [ProposalStatus.Executed, ProposalStatus.PartiallyExecuted, ProposalStatus.Failed];

    /// <summary>Counting stops here: a pager needs to know there is more, not how many millions.</summary>
    public const int CountLimit = 10_000;

    private readonly IDbContextFactory<CuratorDbContext> _contexts = contexts;
    private readonly CurrentUser _user = user;
    private readonly DisplayZone _zone = zone;

    /// <summary>A page of ended executions, newest proposal first, optionally of one team.</summary>
    public async Task<Paged<ExecutedProposal>> ExecutionsAsync(string? team, int page, int size, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the history");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var query = from proposal in db.Proposals
                    where Ended.Contains(proposal.Status)
                    join repository in db.Repositories on proposal.RepositoryId equals repository.Id
                    select new { proposal, repository };
        if (!string.IsNullOrWhiteSpace(team))
        {
            query = query.Where(row => row.repository.Team == team);
        }

        var rows = await query.OrderByDescending(row => row.proposal.Id).Skip(page * size).Take(size)
            .Select(row => new
            {
                row.proposal.Id, row.repository.AccountId, row.repository.Region, row.repository.Name, row.repository.Team,
                row.proposal.Status, row.proposal.StatusReason, row.proposal.DeletedBytes, row.proposal.ArchivedBytes,
                ApprovedBy = string.Join(", ", db.Approvals.Where(approval => approval.ProposalId == row.proposal.Id && approval.Approved).OrderBy(approval => approval.At).Select(approval => approval.Actor)),
                ApprovedAt = db.Approvals.Where(approval => approval.ProposalId == row.proposal.Id && approval.Approved).Max(approval => (DateTimeOffset?)approval.At),
                FinishedAt = db.ExecutionOutcomes.Where(outcome => outcome.ProposalId == row.proposal.Id).Max(outcome => (DateTimeOffset?)outcome.At),
                Outcomes = db.ExecutionOutcomes.Count(outcome => outcome.ProposalId == row.proposal.Id),
            })
            .ToListAsync(cancellation);
        ExecutedProposal[] items =
        [
            .. rows.Select(row => new ExecutedProposal(
                row.Id, $"{row.AccountId}/{row.Region}/{row.Name}", row.Team, row.ApprovedBy is { Length: > 0 } by ? by : null, row.ApprovedAt, row.FinishedAt,
                row.Status, row.StatusReason, row.DeletedBytes, row.Outcomes) { ArchivedBytes = row.ArchivedBytes }),
        ];
        return await CountedAsync(query, items, cancellation);
    }

    public async Task<IReadOnlyList<ImageOutcome>> OutcomesAsync(long proposalId, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the history");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        return await ImageOutcomes.ReadAsync(db, proposalId, cancellation);
    }

    /// <summary>The actions and actors the log holds (read through their indexes, one step per distinct value), and the teams.</summary>
    public async Task<AuditChoices> ChoicesAsync(CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the history");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var actions = await DistinctAsync(db, "action", cancellation);
        var actors = await DistinctAsync(db, "actor", cancellation);
        var teams = await db.Repositories.AsNoTracking().Select(repository => repository.Team).Distinct().OrderBy(team => team).ToListAsync(cancellation);
        return new AuditChoices(actions, actors, teams);
    }

    /// <summary>The distinct values of an indexed audit column, one index step per value (a loose index scan).</summary>
    private static async Task<List<string>> DistinctAsync(CuratorDbContext db, string column, CancellationToken cancellation)
    {
        if (column is not ("action" or "actor"))
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, "Only the audit log's indexed action and actor columns.");
        }

#pragma warning disable EF1002 // the column is one of the two names checked above, never input
        return await db.Database.SqlQueryRaw<string>($"""
            WITH RECURSIVE distinct_values(value) AS (
                (SELECT {column} FROM audit_entries ORDER BY {column} LIMIT 1)
                UNION ALL
                SELECT (SELECT {column} FROM audit_entries WHERE {column} > distinct_values.value ORDER BY {column} LIMIT 1)
                FROM distinct_values WHERE distinct_values.value IS NOT NULL)
            SELECT value AS "Value" FROM distinct_values WHERE value IS NOT NULL
            """).ToListAsync(cancellation);
#pragma warning restore EF1002
    }

    /// <summary>Repositories (<c>account/region/name</c>) whose name contains <paramref name="search"/>, for the repository filter.</summary>
    public async Task<IReadOnlyList<string>> RepositoriesAsync(string? search, CancellationToken cancellation)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the history");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var repositories = db.Repositories.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            repositories = repositories.Where(repository => EF.Functions.ILike(repository.Name, pattern));
        }

        return await repositories.OrderBy(repository => repository.Name).ThenBy(repository => repository.AccountId).ThenBy(repository => repository.Region).Take(20)
            .Select(repository => repository.AccountId + "/" + repository.Region + "/" + repository.Name).ToListAsync(cancellation);
    }

    /// <summary>
    /// How many rows a query has, counting no further than one past <see cref="CountLimit"/>. Counting needs no order:
    /// <c>ORDER BY (SELECT 1)</c> leaves the planner free to count through the filter's own index.
    /// </summary>
    private static async Task<int> CappedCountAsync<T>(IQueryable<T> query, CancellationToken cancellation) =>
        await query.OrderBy(row => 1).Take(CountLimit + 1).CountAsync(cancellation);

    private static async Task<Paged<T>> CountedAsync<TRow, T>(IQueryable<TRow> query, IReadOnlyList<T> rows, CancellationToken cancellation)
    {
        var counted = await CappedCountAsync(query, cancellation);
        return new Paged<T>(rows, Math.Min(counted, CountLimit), counted > CountLimit);
    }
}
