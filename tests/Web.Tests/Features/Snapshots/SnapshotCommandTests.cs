using EcrCurator.Web.Tests.Features.Plan;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;

namespace EcrCurator.Web.Tests.Features.Snapshots;

[Collection(AwsEnvironmentCollection.Name)]
public class SnapshotCommandTests
{
    [Fact]
    public void TheSummaryGivesCountsWithSeparatorsAndSizesInTheUnitThatSuitsThem()
    {
        var snapshot = new EcrCurator.Infrastructure.Persistence.Model.SnapshotRow
        {
            Id = 4, StartedBy = "system", Status = "Complete", Repositories = 300, Images = 8012, Candidates = 1055,
            CandidateBytes = 13_314_398_618, ReclaimableBytes = 805_306_368,
        };

        Assert.Equal(
            "Snapshot 4 complete: 300 repositories, 8,012 images, 1,055 candidates (12.40 GiB by image size, 768.0 MiB actually freed).",
            EcrCurator.Web.Features.Snapshots.SnapshotCommand.Summary(snapshot));
    }

    [Fact]
    public async Task MigrateCreatesTheDatabaseAndThenSaysItIsUpToDate()
    {
        var database = await WebTestDatabase.FreshAsync();

        var first = await Task.Run(() => PlanRun.Of("migrate", $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);
        var second = await Task.Run(() => PlanRun.Of("migrate", $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);

        Assert.True(first.ExitCode == 0, first.Errors);
        Assert.StartsWith("Applied ", first.Output);
        Assert.Equal("The database is up to date.", second.Output.Trim());
    }

    [Fact]
    public async Task SnapshotStoresProposalsAndPlanThenHonoursAPinStoredBesideThem()
    {
        var database = await WebTestDatabase.FreshAsync();
        await using var simulator = await Simulator.StartAsync(WorldFile.Read(PlanRun.World("seed-table")));

        var snapshot = await Task.Run(() => PlanRun.Of("snapshot", $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);

        Assert.True(snapshot.ExitCode == 0, snapshot.Errors);
        Assert.Contains("Snapshot 1 complete: 1 repositories, 5 images, 2 candidates", snapshot.Output);
        Assert.Contains("Read 1 repositories of registry 111111111111/ap-northeast-1", snapshot.Errors);
        Assert.Equal(1, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM proposals WHERE status = 'Pending'"));

        const string old = "sha256:dc33eb41ca3892b8abf08d6fc1b59604096b04625f101716fe1a7665b17af9b8";
        await WebTestDatabase.ExecuteAsync(database, $"INSERT INTO pins (account_id, region, repository, digest, actor, reason, created_at) VALUES ('111111111111', 'ap-northeast-1', 'care/api', '{old}', 'alice', 'release', now())");
        var plan = await Task.Run(() => PlanRun.Of("plan", "--json", "--now", PlanRun.Now, $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);

        Assert.True(plan.ExitCode == 0, plan.Errors);
        Assert.Equal(["outside-window", "pinned"], PlanExpectations.Images(plan, "care/api")[old].Reasons);
    }

    [Fact]
    public async Task SnapshotExitsOneAndProposesNothingWhenUsageCannotBeRead()
    {
        var database = await WebTestDatabase.FreshAsync();
        await using var simulator = await Simulator.StartAsync(WorldFile.Read(PlanRun.World("seed-table")));
        await simulator.InjectAsync(new { kind = "access-denied", operation = "ecs:DescribeTasks" });

        var snapshot = await Task.Run(() => PlanRun.Of("snapshot", $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);

        Assert.True(snapshot.ExitCode == 1, snapshot.Errors);
        Assert.Contains("incomplete", snapshot.Output);
        Assert.Contains("ecs:DescribeTasks", snapshot.Errors);
        Assert.Equal(0, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM proposals"));
    }

    [Fact]
    public async Task SnapshotNowTakesItAsOfThatTime()
    {
        var database = await WebTestDatabase.FreshAsync();
        await using var simulator = await Simulator.StartAsync(WorldFile.Read(PlanRun.World("seed-table")));

        var snapshot = await Task.Run(() => PlanRun.Of("snapshot", "--now", "2026-11-01T01:00:00Z", $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);

        Assert.True(snapshot.ExitCode == 0, snapshot.Errors);
        Assert.Equal(1, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM snapshots WHERE started_at >= '2026-11-01T01:00:00Z' AND finished_at < '2026-11-01T02:00:00Z'"));
        Assert.Equal(1, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM proposals WHERE created_at < '2026-11-01T02:00:00Z'"));
    }

    [Fact]
    public void SnapshotWithoutADatabaseSaysHowToConfigureOne()
    {
        var run = PlanRun.Of("snapshot");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("No database is configured: set ConnectionStrings:Curator", run.Errors);
    }
}
