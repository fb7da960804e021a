using System.Net.Http.Json;
using EcrCurator.Infrastructure.Tests.Execution;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Execution.ExecutionWorld;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Snapshots;

/// <summary>Snapshots read Lambda beside ECS: where each version runs, fail closed, the setting that turns it off, the cache.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class LambdaSnapshotTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly string Repo = $"{Account}.dkr.ecr.{Region}.amazonaws.com/{RepositoryName}";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A function on shop/web: <c>$LATEST</c> runs the recent image, published version 1 (alias live) <paramref name="version1Runs"/>.</summary>
    public static WorldLambdaFunction Worker(string version1Runs) => new()
    {
        Name = "web-worker",
        Versions =
        [
            new WorldLambdaVersion { Version = "$LATEST", ImageUri = $"{Repo}:2", ResolvedImageUri = $"{Repo}@{Recent}" },
            new WorldLambdaVersion { Version = "1", ImageUri = $"{Repo}:2", ResolvedImageUri = $"{Repo}@{version1Runs}" },
        ],
        Aliases = [new WorldLambdaAlias("live", "1")],
    };

    /// <summary>shop/web with <see cref="Worker"/> running the older candidate.</summary>
    private static World WithFunction()
    {
        var world = Create();
        return world with { Accounts = [world.Accounts[0] with { LambdaFunctions = [Worker(Older)] }] };
    }

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task StoresTheLambdaVersionAndAliasesWhereAnImageRunsAndProposesTheRest()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, WithFunction());

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal("Complete", snapshot.Status);
        Assert.Empty(snapshot.Notes);
        await using var db = database.Contexts.CreateDbContext();
        var older = await db.Images.AsNoTracking().SingleAsync(image => image.Digest == Older, Cancellation);
        Assert.Equal(["lambda:111111111111/ap-northeast-1/web-worker:1 (live)"], older.UsedBy);
        var proposal = await db.Proposals.Include(row => row.Candidates).SingleAsync(Cancellation);
        Assert.Equal([Old], proposal.Candidates.Select(candidate => candidate.Digest));
    }

    [Fact]
    public async Task IsIncompleteAndProposesNothingWhenLambdaIsDeniedNamingThePermissionAndTheSetting()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, WithFunction());
        await harness.ControlAsync("faults", new { kind = "access-denied", operation = "lambda:ListFunctions" });

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal("Incomplete", snapshot.Status);
        var reason = Assert.Single(snapshot.IncompleteReasons);
        Assert.Contains("lambda:ListFunctions", reason);
        Assert.Contains("Curator:Usage:Lambda", reason);
        await using var db = database.Contexts.CreateDbContext();
        Assert.False(await db.Proposals.AnyAsync(Cancellation));
    }

    [Fact]
    public async Task StatesInEverySnapshotThatLambdaWasNotRead()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, WithFunction(), ["--Curator:Usage:Lambda=false"]);

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal("Complete", snapshot.Status);
        Assert.Equal(["Lambda functions were not read (Curator:Usage:Lambda is false): an image that only a Lambda function runs is not protected."], snapshot.Notes);
        await using var db = database.Contexts.CreateDbContext();
        var proposal = await db.Proposals.Include(row => row.Candidates).SingleAsync(Cancellation);
        Assert.Equal([Old, Older], proposal.Candidates.Select(candidate => candidate.Digest).Order());
    }

    [Fact]
    public async Task ReadsAPublishedVersionsImageOnceAndLatestEveryTime()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, WithFunction());

        await harness.SnapshotAsync();
        var first = await GetFunctionCallsAsync(harness);
        await harness.SnapshotAsync();

        Assert.Equal(2, first);
        Assert.Equal(first + 1, await GetFunctionCallsAsync(harness));
    }

    private static async Task<int> GetFunctionCallsAsync(SnapshotHarness harness) =>
        (await harness.Control.GetFromJsonAsync<List<RequestCount>>("requests", Cancellation))!
            .Where(count => count.Key.EndsWith("lambda:GetFunction", StringComparison.Ordinal)).Sum(count => count.Requests);

    private sealed record RequestCount(string Key, int Requests, int Errors);
}
