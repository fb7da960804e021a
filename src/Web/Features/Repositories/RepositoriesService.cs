using System.Linq.Expressions;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Repositories;

/// <summary>
/// What the Repositories list reads: one page of repositories, filtered, sorted and paged in SQL over the
/// repositories' own figures (never over their images).
/// </summary>
public sealed class RepositoriesService(IDbContextFactory<CuratorDbContext> contexts, CurrentUser user)
{
    public const int MostRowsPerPage = 500;

    /// <summary>The modes a repository can be in, for the mode filter.</summary>
    public static IReadOnlyList<string> Modes { get; } = Enum.GetNames<RetentionMode>();

    /// <summary>The teams of the repositories that still exist, for the team filter.</summary>
    public async Task<IReadOnlyList<string>> TeamsAsync(CancellationToken cancellation)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "see the repositories");
        var teams = await user.TeamsAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        return await teams.Apply(db.Repositories.AsNoTracking(), repository => repository.Team).Where(repository => repository.GoneAt == null)
            .Select(repository => repository.Team).Distinct().OrderBy(team => team).ToListAsync(cancellation);
    }

    public async Task<RepositoryPage> PageAsync(RepositoryPageRequest request, CancellationToken cancellation)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "see the repositories");
        if (request.Page < 0 || request.PageSize is < 1 or > MostRowsPerPage)
        {
            throw new DashboardException($"A page is numbered from 0 and holds 1 to {MostRowsPerPage} repositories.");
        }

        var teams = await user.TeamsAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var filtered = Filter(teams.Apply(db.Repositories.AsNoTracking(), repository => repository.Team), request.Filter);
        var total = await filtered.CountAsync(cancellation);
        var rows = await Sort(filtered, request.SortBy, request.Descending)
            .Skip(request.Page * request.PageSize)
            .Take(request.PageSize)
            .Select(ListRow)
            .ToListAsync(cancellation);
        return new RepositoryPage(rows, total);
    }

    /// <summary>
    /// Every repository the filter lets through, in the list's order, read as the caller goes (for the CSV export).
    /// The person is checked before anything is read.
    /// </summary>
    public async Task<IAsyncEnumerable<RepositoryListRow>> ExportAsync(RepositoryFilter filter, string sortBy, bool descending, CancellationToken cancellation)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "export the repositories");
        var teams = await user.TeamsAsync();
        return StreamAsync(teams, filter, sortBy, descending, cancellation);
    }

    private async IAsyncEnumerable<RepositoryListRow> StreamAsync(
        TeamScope teams, RepositoryFilter filter, string sortBy, bool descending, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var rows = Sort(Filter(teams.Apply(db.Repositories.AsNoTracking(), repository => repository.Team), filter), sortBy, descending).Select(ListRow);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellation))
        {
            yield return row;
        }
    }

    private static readonly Expression<Func<RepositoryRow, RepositoryListRow>> ListRow = repository => new RepositoryListRow(
        repository.Id, repository.AccountId, repository.Region, repository.Name, repository.Team, repository.ImageCount, repository.ImageBytes,
        repository.ReclaimableBytes, repository.CandidateCount, repository.CandidateBytes, repository.InUseCount, repository.PinnedCount,
        repository.LastPushedAt, repository.Mode, repository.GoneAt)
    {
        LifecycleDangers = repository.LifecycleDangers,
        LifecycleUnreviewed = repository.LifecycleUnreadable != null || repository.LifecycleNotUnderstood != null,
    };

    private static IQueryable<RepositoryRow> Filter(IQueryable<RepositoryRow> repositories, RepositoryFilter filter)
    {
        if (!filter.ShowGone)
        {
            repositories = repositories.Where(repository => repository.GoneAt == null);
        }

        if (filter.Team is { } team)
        {
            repositories = repositories.Where(repository => repository.Team == team);
        }

        if (filter.Search is { } search)
        {
            // Contains, ignoring case: ILIKE '%…%', which a trigram index on the name answers.
            var pattern = $"%{Escape(search)}%";
            repositories = repositories.Where(repository => EF.Functions.ILike(repository.Name, pattern, @"\"));
        }

        if (filter.HasCandidates)
        {
            repositories = repositories.Where(repository => repository.CandidateCount > 0);
        }

        if (filter.HasInUse)
        {
            repositories = repositories.Where(repository => repository.InUseCount > 0);
        }

        if (filter.HasLifecycleDanger)
        {
            repositories = repositories.Where(repository => repository.LifecycleDangers > 0);
        }

        if (filter.Mode is { } mode)
        {
            repositories = repositories.Where(repository => repository.Mode == mode);
        }

        return repositories;
    }

    /// <summary>Sorted by the column, then by id so that pages never overlap or skip a row.</summary>
    private static IOrderedQueryable<RepositoryRow> Sort(IQueryable<RepositoryRow> repositories, string sortBy, bool descending)
    {
        var sorted = sortBy switch
        {
            RepositorySort.Account => Then(Then(Order(repositories, repository => repository.AccountId, descending), repository => repository.Region, descending),
                repository => repository.Name, descending),
            RepositorySort.Name => Order(repositories, repository => repository.Name, descending),
            RepositorySort.Team => Then(Order(repositories, repository => repository.Team, descending), repository => repository.Name, descending),
            RepositorySort.Images => Order(repositories, repository => repository.ImageCount, descending),
            RepositorySort.Stored => Order(repositories, repository => repository.ImageBytes, descending),
            RepositorySort.Candidates => Order(repositories, repository => repository.CandidateCount, descending),
            RepositorySort.InUse => Order(repositories, repository => repository.InUseCount, descending),
            RepositorySort.Pinned => Order(repositories, repository => repository.PinnedCount, descending),
            RepositorySort.LastPush => Order(repositories, repository => repository.LastPushedAt, descending),
            RepositorySort.Mode => Order(repositories, repository => repository.Mode, descending),
            RepositorySort.LifecycleDangers => Order(repositories, repository => repository.LifecycleDangers, descending),
            _ => Order(repositories, repository => repository.ReclaimableBytes, descending),
        };
        return Then(sorted, repository => repository.Id, descending);
    }

    private static IOrderedQueryable<RepositoryRow> Order<TKey>(IQueryable<RepositoryRow> repositories, Expression<Func<RepositoryRow, TKey>> key, bool descending) =>
        descending ? repositories.OrderByDescending(key) : repositories.OrderBy(key);

    private static IOrderedQueryable<RepositoryRow> Then<TKey>(IOrderedQueryable<RepositoryRow> repositories, Expression<Func<RepositoryRow, TKey>> key, bool descending) =>
        descending ? repositories.ThenByDescending(key) : repositories.ThenBy(key);

    private static string Escape(string search) => search.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
