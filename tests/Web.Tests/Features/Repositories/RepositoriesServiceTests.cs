using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Repositories;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Repositories;

/// <summary>The Repositories list over the small world (3 teams, 12 repositories), read as a Viewer.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class RepositoriesServiceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AViewerSeesEveryRepositoryMostReclaimableFirst()
    {
        await using var app = await DashboardApp.StartAsync();
        var repositories = await RepositoriesAsync(app);

        var page = await PageAsync(app, new RepositoryPageRequest(RepositoryFilter.None));

        Assert.Equal(12, page.Total);
        Assert.Equal(
            repositories.OrderByDescending(row => row.ReclaimableBytes).ThenByDescending(row => row.Id).Select(row => row.Id),
            page.Rows.Select(row => row.Id));
        var first = repositories.Single(row => row.Id == page.Rows[0].Id);
        Assert.Equal(
            new RepositoryListRow(first.Id, first.AccountId, first.Region, first.Name, first.Team, first.ImageCount, first.ImageBytes, first.ReclaimableBytes,
                first.CandidateCount, first.CandidateBytes, first.InUseCount, first.PinnedCount, first.LastPushedAt, first.Mode, null),
            page.Rows[0]);
        Assert.True(page.Rows[0].ReclaimableBytes > 0);
    }

    [Fact]
    public async Task EachFilterNarrowsTheListToWhatItSays()
    {
        await using var app = await DashboardApp.StartAsync();
        // The list reads only the repositories' own figures: shape them so that every filter has something to leave out.
        var ids = (await RepositoriesAsync(app)).Select(row => row.Id).Order().ToList();
        await WebTestDatabase.ExecuteAsync(app.Database, $"""
            UPDATE repositories SET candidate_count = 0, candidate_bytes = 0, reclaimable_bytes = 0 WHERE id IN ({ids[0]}, {ids[5]}, {ids[10]});
            UPDATE repositories SET in_use_count = 0 WHERE id IN ({ids[1]}, {ids[5]}, {ids[7]});
            UPDATE repositories SET in_use_count = 2 WHERE id IN ({ids[2]}, {ids[3]});
            UPDATE repositories SET mode = 'AutoRun' WHERE id IN ({ids[3]}, {ids[4]});
            """);
        var repositories = await RepositoriesAsync(app);
        var team = repositories.Single(row => row.Id == ids[3]).Team;

        var ofTeam = await AllAsync(app, new RepositoryFilter(Team: team));
        var withCandidates = await AllAsync(app, new RepositoryFilter(HasCandidates: true));
        var inUse = await AllAsync(app, new RepositoryFilter(HasInUse: true));
        var approve = await AllAsync(app, new RepositoryFilter(Mode: "Approve"));
        var autoRun = await AllAsync(app, new RepositoryFilter(Mode: "AutoRun"));
        var both = await AllAsync(app, new RepositoryFilter(Team: team, HasCandidates: true, HasInUse: true));

        Assert.Equal(Ids(repositories.Where(row => row.Team == team)), Ids(ofTeam));
        Assert.Equal(Ids(repositories.Where(row => row.CandidateCount > 0)), Ids(withCandidates));
        Assert.Equal(Ids(repositories.Where(row => row.InUseCount > 0)), Ids(inUse));
        Assert.Equal(Ids(repositories.Where(row => row.Mode == "Approve")), Ids(approve));
        Assert.Equal([ids[3], ids[4]], Ids(autoRun));
        Assert.Equal(Ids(repositories.Where(row => row.Team == team && row.CandidateCount > 0 && row.InUseCount > 0)), Ids(both));
        Assert.InRange(ofTeam.Count, 1, 11);
        Assert.InRange(withCandidates.Count, 1, 9);
        Assert.InRange(inUse.Count, 2, 10);
        Assert.Contains(ids[3], Ids(both));
    }

    [Fact]
    public async Task TheNameSearchFindsAnyPartOfTheNameIgnoringCaseAndTakesWildcardsLiterally()
    {
        await using var app = await DashboardApp.StartAsync();
        var repositories = await RepositoriesAsync(app);
        var name = repositories.OrderBy(row => row.Name, StringComparer.Ordinal).First().Name;
        var part = name[(name.Length / 3)..(2 * name.Length / 3 + 1)].ToUpperInvariant();

        var found = await AllAsync(app, new RepositoryFilter(Search: part));
        var wildcard = await AllAsync(app, new RepositoryFilter(Search: "%"));
        var underscore = await AllAsync(app, new RepositoryFilter(Search: "_"));

        Assert.Contains(found, row => row.Name == name);
        Assert.Equal(Ids(repositories.Where(row => row.Name.Contains(part, StringComparison.OrdinalIgnoreCase))), Ids(found));
        Assert.Empty(wildcard);
        Assert.Equal(Ids(repositories.Where(row => row.Name.Contains('_', StringComparison.Ordinal))), Ids(underscore));
    }

    [Fact]
    public async Task PagesTogetherHoldEveryRepositoryOnceWhateverTheSort()
    {
        await using var app = await DashboardApp.StartAsync();
        var repositories = await RepositoriesAsync(app);
        string[] sorts =
        [
            RepositorySort.Account, RepositorySort.Name, RepositorySort.Team, RepositorySort.Images, RepositorySort.Stored, RepositorySort.Reclaimable,
            RepositorySort.Candidates, RepositorySort.InUse, RepositorySort.Pinned, RepositorySort.LastPush, RepositorySort.Mode,
        ];

        foreach (var sort in sorts)
        {
            foreach (var descending in new[] { false, true })
            {
                var pages = new List<RepositoryPage>();
                for (var number = 0; number < 3; number++)
                {
                    pages.Add(await PageAsync(app, new RepositoryPageRequest(RepositoryFilter.None, sort, descending, number, 5)));
                }

                Assert.All(pages, page => Assert.Equal(12, page.Total));
                Assert.Equal([5, 5, 2], pages.Select(page => page.Rows.Count));
                var rows = pages.SelectMany(page => page.Rows).ToList();
                Assert.Equal(Ids(repositories), Ids(rows));
                Assert.Equal(rows.Count, rows.Select(row => row.Id).Distinct().Count());
            }
        }
    }

    [Fact]
    public async Task SortsByTheChosenColumnEitherWay()
    {
        await using var app = await DashboardApp.StartAsync();

        var byName = (await PageAsync(app, new RepositoryPageRequest(RepositoryFilter.None, RepositorySort.Name, false))).Rows;
        var byImages = (await PageAsync(app, new RepositoryPageRequest(RepositoryFilter.None, RepositorySort.Images, true))).Rows;
        var byStored = (await PageAsync(app, new RepositoryPageRequest(RepositoryFilter.None, RepositorySort.Stored, false))).Rows;
        var byTeam = (await PageAsync(app, new RepositoryPageRequest(RepositoryFilter.None, RepositorySort.Team, false))).Rows;
        var byLastPush = (await PageAsync(app, new RepositoryPageRequest(RepositoryFilter.None, RepositorySort.LastPush, true))).Rows;

        Assert.Equal(byName.Select(row => row.Name).Order(StringComparer.Ordinal), byName.Select(row => row.Name));
        Assert.Equal(byImages.Select(row => row.Images).OrderDescending(), byImages.Select(row => row.Images));
        Assert.Equal(byStored.Select(row => row.ImageBytes).Order(), byStored.Select(row => row.ImageBytes));
        Assert.Equal(byTeam.Select(row => (row.Team, row.Name)).OrderBy(row => row.Team, StringComparer.Ordinal).ThenBy(row => row.Name, StringComparer.Ordinal), byTeam.Select(row => (row.Team, row.Name)));
        Assert.Equal(byLastPush.Select(row => row.LastPushedAt).OrderDescending(), byLastPush.Select(row => row.LastPushedAt));
    }

    [Fact]
    public async Task AGoneRepositoryIsListedOnlyWhenAskedFor()
    {
        await using var app = await DashboardApp.StartAsync();
        var gone = (await RepositoriesAsync(app)).First();
        await WebTestDatabase.ExecuteAsync(app.Database, $"UPDATE repositories SET gone_at = now() WHERE id = {gone.Id}");

        var present = await AllAsync(app, RepositoryFilter.None);
        var all = await AllAsync(app, new RepositoryFilter(ShowGone: true));
        var teams = await TeamsAsync(app);

        Assert.DoesNotContain(present, row => row.Id == gone.Id);
        Assert.Equal(11, present.Count);
        Assert.NotNull(Assert.Single(all, row => row.Id == gone.Id).GoneAt);
        Assert.Equal(12, all.Count);
        Assert.Equal((await RepositoriesAsync(app)).Select(row => row.Team).Distinct().Order(StringComparer.Ordinal), teams);
    }

    [Fact]
    public async Task TheTeamsToFilterByAreTheTeamsOfTheRepositories()
    {
        await using var app = await DashboardApp.StartAsync();

        var teams = await TeamsAsync(app);

        Assert.Equal((await RepositoriesAsync(app)).Select(row => row.Team).Distinct().Order(StringComparer.Ordinal), teams);
        Assert.Equal(3, teams.Count);
    }

    [Fact]
    public async Task APageOfNoRowsOrTooManyIsRefused()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });

        await Assert.ThrowsAsync<DashboardException>(() => PageAsync(app, new RepositoryPageRequest(RepositoryFilter.None, PageSize: 0)));
        await Assert.ThrowsAsync<DashboardException>(() => PageAsync(app, new RepositoryPageRequest(RepositoryFilter.None, PageSize: RepositoriesService.MostRowsPerPage + 1)));
        await Assert.ThrowsAsync<DashboardException>(() => PageAsync(app, new RepositoryPageRequest(RepositoryFilter.None, Page: -1)));
    }

    private static async Task<RepositoryPage> PageAsync(DashboardApp app, RepositoryPageRequest request)
    {
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        return await scope.ServiceProvider.GetRequiredService<RepositoriesService>().PageAsync(request, Cancellation);
    }

    private static async Task<IReadOnlyList<RepositoryListRow>> AllAsync(DashboardApp app, RepositoryFilter filter) =>
        (await PageAsync(app, new RepositoryPageRequest(filter, PageSize: RepositoriesService.MostRowsPerPage))).Rows;

    private static async Task<IReadOnlyList<string>> TeamsAsync(DashboardApp app)
    {
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        return await scope.ServiceProvider.GetRequiredService<RepositoriesService>().TeamsAsync(Cancellation);
    }

    private static async Task<List<RepositoryRow>> RepositoriesAsync(DashboardApp app)
    {
        await using var db = await app.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(Cancellation);
        return await db.Repositories.AsNoTracking().Where(row => row.GoneAt == null).ToListAsync(Cancellation);
    }

    private static IEnumerable<long> Ids(IEnumerable<RepositoryRow> rows) => rows.Select(row => row.Id).Order();

    private static IEnumerable<long> Ids(IEnumerable<RepositoryListRow> rows) => rows.Select(row => row.Id).Order();
}
