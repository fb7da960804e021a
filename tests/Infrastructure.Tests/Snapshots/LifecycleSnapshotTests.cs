using System.Net.Http.Json;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Snapshots;

/// <summary>SPEC 12: a snapshot reads each repository's lifecycle policy over the wire and stores it with what it would do.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class LifecycleSnapshotTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly string PinnedDigest = Digest("lifecycle/api-v1");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static World LifecycleDanger() => WorldFile.Read(Path.Combine(AppContext.BaseDirectory, "Worlds", "lifecycle-danger.world.json"));

    [Fact]
    public async Task StoresEachRepositorysPolicyWithTheDangerOfExpiringTheDigestAServiceScaledToZeroRuns()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, LifecycleDanger());

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal("Complete", snapshot.Status);
        Assert.Equal(1, snapshot.LifecycleDangers);
        await using var db = database.Contexts.CreateDbContext();
        var api = await db.Repositories.AsNoTracking().SingleAsync(row => row.Name == "care/api", Cancellation);
        Assert.Equal(LifecycleDanger().Accounts[0].Repositories[0].LifecyclePolicy, api.LifecyclePolicy);
        Assert.Equal((1, 1, 0), (api.LifecycleDangers, api.LifecycleInUseDangers, api.LifecycleInformation));
        var finding = Assert.Single(LifecycleFindingsJson.Read(api.LifecycleFindings));
        Assert.Equal((1, PinnedDigest, "expire", "in-use"), (finding.Rule, finding.Digest, finding.Action, string.Join(",", finding.Danger)));
        var worker = await db.Repositories.AsNoTracking().SingleAsync(row => row.Name == "care/worker", Cancellation);
        Assert.Equal((0, 1, "[]"), (worker.LifecycleDangers, worker.LifecycleInformation, worker.LifecycleFindings)); // proposed too: counted, not stored
    }

    [Fact]
    public async Task ARepeatSnapshotOfAnUnchangedWorldRewritesNoRepositoryRow()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, LifecycleDanger());
        await harness.SnapshotAsync();
        var versions = await RowVersionsAsync();

        await harness.SnapshotAsync();

        Assert.Equal(versions, await RowVersionsAsync()); // the stored findings read back exactly as written
    }

    [Fact]
    public async Task AnAccessDeniedLifecyclePolicyIsAFindingOnItsRepositoryNotAnIncompleteSnapshot()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, LifecycleDanger());
        await harness.ControlAsync("faults", new { kind = "access-denied", operation = "ecr:GetLifecyclePolicy" });

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal("Complete", snapshot.Status);
        Assert.Empty(snapshot.Problems);
        await using var db = database.Contexts.CreateDbContext();
        var repositories = await db.Repositories.AsNoTracking().OrderBy(row => row.Name).ToListAsync(Cancellation);
        Assert.All(repositories, row => Assert.Contains("ecr:GetLifecyclePolicy", row.LifecycleUnreadable, StringComparison.Ordinal));
        Assert.All(repositories, row => Assert.Null(row.LifecyclePolicy));
        Assert.Equal(1, snapshot.Candidates);
        Assert.Single(await db.Proposals.ToListAsync(Cancellation));
    }

    [Fact]
    public async Task ARepositoryWithoutAPolicyHasNoFindingsAndAPolicyRemovedLaterClearsThem()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, LifecycleDanger());
        await harness.SnapshotAsync();
        var world = LifecycleDanger();
        var account = world.Accounts[0];
        await harness.ControlAsync("world", world with { Accounts = [account with { Repositories = [.. account.Repositories.Select(repository => repository with { LifecyclePolicy = null })] }] }, put: true);

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal(0, snapshot.LifecycleDangers);
        await using var db = database.Contexts.CreateDbContext();
        Assert.All(await db.Repositories.AsNoTracking().ToListAsync(Cancellation), row =>
            Assert.Equal((null, null, 0), (row.LifecyclePolicy, row.LifecycleFindings, row.LifecycleDangers)));
    }

    [Fact]
    public async Task TwoRepositoriesWithoutPoliciesCostOneGetLifecyclePolicyEach()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());

        await harness.SnapshotAsync();

        var requests = await harness.Control.GetFromJsonAsync<List<RequestCount>>("requests", Cancellation);
        var lifecycle = Assert.Single(requests!, count => count.Key.EndsWith("/ecr:GetLifecyclePolicy", StringComparison.Ordinal));
        Assert.Equal((2, 2), (lifecycle.Requests, lifecycle.Errors)); // LifecyclePolicyNotFoundException, once per repository
        await using var db = database.Contexts.CreateDbContext();
        Assert.All(await db.Repositories.AsNoTracking().ToListAsync(Cancellation), row => Assert.Null(row.LifecycleFindings));
    }

    private async Task<List<string>> RowVersionsAsync()
    {
        await using var db = database.Contexts.CreateDbContext();
        return await db.Database.SqlQuery<string>($"SELECT xmin::text AS \"Value\" FROM repositories ORDER BY id").ToListAsync(Cancellation);
    }

    private sealed record RequestCount(string Key, int Requests, int Errors);
}
