using System.Security.Claims;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Web.Features.Overview;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Tests.Features.Overview;

[Collection(AwsEnvironmentCollection.Name)]
public class OverviewServiceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheTotalsAreTheSumsOverTheRepositoriesThatExist()
    {
        await using var app = await DashboardApp.StartAsync();
        var repositories = await RepositoriesAsync(app);

        var figures = await OverviewAsync(app, CuratorRoles.Viewer);

        var storage = app.App.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var totals = figures.Totals;
        Assert.Equal(12, totals.Repositories);
        Assert.Equal(repositories.Count, totals.Repositories);
        Assert.Equal(repositories.Sum(row => (long)row.ImageCount), totals.Images);
        Assert.Equal(repositories.Sum(row => row.ImageBytes), totals.ImageBytes);
        Assert.Equal(repositories.Sum(row => (long)row.CandidateCount), totals.Candidates);
        Assert.Equal(repositories.Sum(row => row.CandidateBytes), totals.CandidateBytes);
        Assert.Equal(repositories.Sum(row => row.ReclaimableBytes), totals.ReclaimableBytes);
        Assert.True(totals.Candidates > 0, "the small world has candidates");
        Assert.True(totals.ReclaimableBytes <= totals.CandidateBytes, "a layer shared with a kept image frees nothing");
        Assert.Equal(storage.MonthlyCost(totals.CandidateBytes), totals.CandidateSavings.Monthly);
        Assert.Equal(storage.MonthlyCost(totals.ReclaimableBytes), totals.ReclaimableSavings.Monthly);
        Assert.Equal("USD", figures.Currency);
        Assert.Equal(new Savings(0, 0), figures.Realised);
    }

    [Fact]
    public async Task EachTeamHasTheFiguresOfItsOwnRepositories()
    {
        await using var app = await DashboardApp.StartAsync();
        var repositories = await RepositoriesAsync(app);

        var figures = await OverviewAsync(app, CuratorRoles.Viewer);

        var expected = repositories.GroupBy(row => row.Team).OrderBy(team => team.Key, StringComparer.Ordinal).Select(team => new
        {
            Team = team.Key, Repositories = team.Count(), Images = team.Sum(row => (long)row.ImageCount), ImageBytes = team.Sum(row => row.ImageBytes),
            Candidates = team.Sum(row => (long)row.CandidateCount), CandidateBytes = team.Sum(row => row.CandidateBytes), ReclaimableBytes = team.Sum(row => row.ReclaimableBytes),
        }).ToList();
        var actual = figures.Teams.Select(team => new
        {
            team.Team, team.Repositories, team.Images, team.ImageBytes, team.Candidates, team.CandidateBytes, team.ReclaimableBytes,
        }).ToList();
        Assert.Equal(3, actual.Count);
        Assert.Equal(expected, actual);
        Assert.All(figures.Teams, team => Assert.Equal(team.ReclaimableBytes, team.ReclaimableSavings.Bytes));
    }

    [Fact]
    public async Task AGoneRepositoryCountsNoMore()
    {
        await using var app = await DashboardApp.StartAsync();
        var before = await OverviewAsync(app, CuratorRoles.Viewer);
        var gone = (await RepositoriesAsync(app)).OrderByDescending(row => row.ImageBytes).First();
        await WebTestDatabase.ExecuteAsync(app.Database, $"UPDATE repositories SET gone_at = now() WHERE id = {gone.Id}");

        var after = await OverviewAsync(app, CuratorRoles.Viewer);

        Assert.Equal(before.Totals.Repositories - 1, after.Totals.Repositories);
        Assert.Equal(before.Totals.ImageBytes - gone.ImageBytes, after.Totals.ImageBytes);
    }

    [Fact]
    public async Task TheTrendHasOnePointPerSnapshotWithTheBytesStoredThen()
    {
        await using var app = await DashboardApp.StartAsync();
        await app.Simulator.AdvanceAsync(7);
        await app.SnapshotAsync();

        var figures = await OverviewAsync(app, CuratorRoles.Viewer);

        await using var db = await ContextAsync(app);
        var snapshots = await db.Snapshots.AsNoTracking().OrderBy(row => row.StartedAt).Select(row => row.Id).ToListAsync(Cancellation);
        var stored = await db.SnapshotRepositories.AsNoTracking().GroupBy(row => row.SnapshotId)
            .Select(snapshot => new { SnapshotId = snapshot.Key, Bytes = snapshot.Sum(row => row.ImageBytes) }).ToDictionaryAsync(row => row.SnapshotId, row => row.Bytes, Cancellation);
        Assert.Equal(2, figures.Trend.Count);
        Assert.Equal(snapshots, figures.Trend.Select(point => point.SnapshotId));
        Assert.All(figures.Trend, point => Assert.Equal(stored[point.SnapshotId], point.StoredBytes));
        Assert.True(figures.Trend[0].At < figures.Trend[1].At);
        Assert.All(figures.Trend, point => Assert.Equal(0, point.RealisedBytes));
        Assert.Equal(snapshots[^1], figures.LastSnapshot!.Id);
    }

    [Fact]
    public async Task RealisedSavingsAreWhatExecutedProposalsDeletedAndTheTrendCountsThemFromTheirExecution()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var db = await ContextAsync(app);
        var proposal = await db.Proposals.AsNoTracking().Where(row => row.Status == ProposalStatus.Pending).OrderByDescending(row => row.CandidateBytes).FirstAsync(Cancellation);
        Assert.True(await app.App.Services.GetRequiredService<ApprovalService>().ApproveAsync(proposal.Id, "ben", null, [], Executor.Caller, Cancellation));
        var executed = await app.App.Services.GetRequiredService<ExecutionService>().ExecuteAsync(proposal.Id, "ben", Cancellation);
        Assert.Equal(ProposalStatus.Executed, executed.Status);
        await app.SnapshotAsync();

        var figures = await OverviewAsync(app, CuratorRoles.Viewer);

        var storage = app.App.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Assert.True(executed.DeletedBytes > 0);
        Assert.Equal(new Savings(executed.DeletedBytes, storage.MonthlyCost(executed.DeletedBytes)), figures.Realised);
        Assert.Equal([0, executed.DeletedBytes], figures.Trend.Select(point => point.RealisedBytes));
    }

    [Fact]
    public async Task AnIncompleteSnapshotSaysWhy()
    {
        await using var app = await DashboardApp.StartAsync();
        await app.Simulator.InjectAsync(new { kind = "access-denied", accountId = DashboardApp.SmallWorld.WorkloadAccount, operation = "ecs:ListTasks" });
        await app.SnapshotAsync();

        var figures = await OverviewAsync(app, CuratorRoles.Viewer);

        var last = figures.LastSnapshot!;
        Assert.Equal("Incomplete", last.Status);
        Assert.NotEmpty(last.IncompleteReasons);
        Assert.Contains(last.IncompleteReasons, reason => reason.Contains(DashboardApp.SmallWorld.WorkloadAccount, StringComparison.Ordinal));
        Assert.Null(figures.Running);
        Assert.Equal(2, figures.Trend.Count);
    }

    [Fact]
    public async Task ADeploymentWhoseRoleCannotReadLambdaIsToldWhichPermissionToGrantOrWhichSettingTurnsLambdaOff()
    {
        await using var app = await DashboardApp.StartAsync();
        await app.Simulator.InjectAsync(new { kind = "access-denied", accountId = DashboardApp.RegistryAccount, operation = "lambda:ListFunctions" });
        await app.SnapshotAsync();

        var last = (await OverviewAsync(app, CuratorRoles.Viewer)).LastSnapshot!;

        Assert.Equal("Incomplete", last.Status);
        var reason = Assert.Single(last.IncompleteReasons);
        Assert.Contains("lambda:ListFunctions", reason);
        Assert.Contains("Curator:Usage:Lambda", reason);
    }

    [Fact]
    public async Task EverySnapshotSaysWhenLambdaIsNotRead()
    {
        await using var app = await DashboardApp.StartAsync(settings: "--Curator:Usage:Lambda=false");

        var last = (await OverviewAsync(app, CuratorRoles.Viewer)).LastSnapshot!;

        Assert.Equal("Complete", last.Status);
        Assert.Equal([Infrastructure.Inventory.UsageOptions.LambdaOffNote], last.Notes);
    }

    [Fact]
    public async Task WhileASnapshotRunsItsProgressIsShownBesideTheLastSettledOne()
    {
        await using var app = await DashboardApp.StartAsync();
        await using (var db = await ContextAsync(app))
        {
            db.Snapshots.Add(new SnapshotRow
            {
                StartedAt = DateTimeOffset.UtcNow, StartedBy = "alice", Status = "Running",
                Sources =
                [
                    new SnapshotSourceRow { AccountId = DashboardApp.RegistryAccount, Region = DashboardApp.Region, IsRegistry = true, Status = "Done", RepositoriesDone = 12, RepositoriesTotal = 12 },
                    new SnapshotSourceRow { AccountId = "222222222222", Region = DashboardApp.Region, Status = "Pending", RepositoriesDone = 3, RepositoriesTotal = 10 },
                ],
            });
            await db.SaveChangesAsync(Cancellation);
        }

        var figures = await OverviewAsync(app, CuratorRoles.Viewer);
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        var progress = await scope.ServiceProvider.GetRequiredService<OverviewService>().ProgressAsync(Cancellation);

        Assert.Equal("Complete", figures.LastSnapshot!.Status);
        Assert.Equal(progress, figures.Running);
        Assert.Equal(("Running", 1, 2, 15, 22), (progress!.Status, progress.SourcesDone, progress.SourcesTotal, progress.RepositoriesDone, progress.RepositoriesTotal));
        Assert.Single(figures.Trend);
        Assert.False(figures.IsEmpty);
    }

    [Fact]
    public async Task NobodyWhoIsNotSignedInCanReadTheOverview()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        await using var scope = app.App.Services.CreateAsyncScope();
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        var service = scope.ServiceProvider.GetRequiredService<OverviewService>();

        await Assert.ThrowsAsync<AccessRefusedException>(() => service.GetAsync(Cancellation));
        await Assert.ThrowsAsync<AccessRefusedException>(() => service.ProgressAsync(Cancellation));
    }

    [Fact]
    public async Task UnderAQuarantinePolicyArchivingIsCountedApartAndWhatIsInQuarantineSaysWhenItBecomesDeletable()
    {
        await using var app = await DashboardApp.StartAsync(null, "--Curator:Policy:Action=Quarantine", "--Curator:Policy:QuarantineDays=30");
        var repository = (await RepositoriesAsync(app)).Where(row => row.CandidateCount > 0).OrderBy(row => row.Name).First();
        var archivedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var db = await ContextAsync(app))
        {
            foreach (var (digest, days) in new[] { ("sha256:" + new string('a', 64), 0), ("sha256:" + new string('b', 64), 5) })
            {
                db.Quarantines.Add(new QuarantineRow
                {
                    AccountId = repository.AccountId, Region = repository.Region, Repository = repository.Name, Digest = digest, SizeBytes = 1000,
                    ProposalId = 1, ArchivedAt = archivedAt.AddDays(days), ArchivedBy = "alice",
                });
            }

            await db.SaveChangesAsync(Cancellation);
        }

        var figures = await OverviewAsync(app, CuratorRoles.Viewer);

        var storage = app.App.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Assert.Equal(figures.Totals.CandidateBytes, figures.Totals.QuarantineBytes); // every candidate is archived, none deleted
        Assert.Equal(0m, figures.Totals.CandidateSavings.Monthly);
        Assert.Equal((figures.Totals.QuarantineBytes, 0m), (figures.ArchiveSavings.Bytes, figures.ArchiveSavings.Monthly)); // far below 150 TB
        Assert.True(storage.ArchiveMonthlySavings(200L << 40, 1L << 40) > 0, "above the tier, archiving saves");
        Assert.Equal((2, 2000L, archivedAt.AddDays(30)), (figures.Quarantine.Images, figures.Quarantine.Bytes, figures.Quarantine.NextDeletableAt));
        var quarantined = Assert.Single(figures.Quarantine.Repositories);
        Assert.Equal(($"{repository.AccountId}/{repository.Region}/{repository.Name}", archivedAt.AddDays(35)), (quarantined.Repository, quarantined.DeletableBy));
    }

    private static async Task<OverviewFigures> OverviewAsync(DashboardApp app, string role)
    {
        await using var scope = app.As("daniel", role);
        return await scope.ServiceProvider.GetRequiredService<OverviewService>().GetAsync(Cancellation);
    }

    private static async Task<CuratorDbContext> ContextAsync(DashboardApp app) =>
        await app.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(Cancellation);

    private static async Task<List<RepositoryRow>> RepositoriesAsync(DashboardApp app)
    {
        await using var db = await ContextAsync(app);
        return await db.Repositories.AsNoTracking().Where(row => row.GoneAt == null).ToListAsync(Cancellation);
    }
}
