using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using EcrCurator.Web.Tests.Features.Plan;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;

namespace EcrCurator.Web.Tests.Features.Approvals;

/// <summary>The issue's three reproductions as black-box runs: <c>snapshot --now</c>, then <c>approve</c>, the world changed through the simulator's control API.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class ApproveRecheckCommandTests
{
    private const string Account = "111111111111";
    private const string Region = "ap-northeast-1";
    private const string Name = "shop/api";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApproveKeepsTheSignatureReferrerAndChildrenOfWhatStaysAndSendsNoneOfThemToAws()
    {
        var (x, y, index) = (Digest("x"), Digest("y"), Digest("index"));
        var world = World(
            Image("x", "x1"),
            Image("x-sig", x.Replace(':', '-') + ".sig"),
            Image("x-sbom") with { Subject = x, ArtifactMediaType = "application/spdx+json" },
            Image("y", "y1"),
            Image("y-sig", y.Replace(':', '-') + ".sig"),
            Image("amd64"),
            Image("arm64"),
            Image("index", "multi") with { MediaType = "application/vnd.oci.image.index.v1+json", Manifests = [Digest("amd64"), Digest("arm64")] },
            Image("z", "z1"));
        var database = await WebTestDatabase.FreshAsync();
        await using var simulator = await Simulator.StartAsync(world);
        await SnapshotAsync(database);
        await PostAsync(simulator, "tags", new { repository = Name, tag = "hotfix", digest = y });

        var approved = await Task.Run(() => PlanRun.Of("approve", "1", "--as", "alice", "--exclude", x, "--exclude", index, $"--ConnectionStrings:Curator={database}"), Cancellation);

        Assert.Equal(1, approved.ExitCode);
        Assert.Equal(2, await OutcomesAsync(database, "excluded"));
        Assert.Equal(5, await OutcomesAsync(database, "skipped-kept"));
        Assert.Equal(1, await OutcomesAsync(database, "skipped-changed"));
        Assert.Equal(1, await OutcomesAsync(database, "deleted"));
        var left = await DigestsAsync(simulator);
        Assert.Equal(9, left.Count);
        Assert.DoesNotContain(Digest("z"), left);
    }

    [Fact]
    public async Task ApproveReadsUsageAgainForABatchSentAfterTheLimit()
    {
        var world = World([.. Enumerable.Range(0, 150).Select(i => Image($"old-{i:D3}", $"v{i}"))]);
        var second = Enumerable.Range(0, 150).Select(i => Digest($"old-{i:D3}")).Order(StringComparer.Ordinal).ElementAt(100);
        var database = await WebTestDatabase.FreshAsync();
        await using var simulator = await Simulator.StartAsync(world);
        await SnapshotAsync(database);
        await simulator.InjectAsync(new { kind = "latency", operation = "ecr:BatchDeleteImage", latencyMs = 3500, count = 1 });

        var execution = Task.Run(() => PlanRun.Of("approve", "1", "--as", "alice", "--Curator:Execution:MaxUsageAgeSeconds=2", $"--ConnectionStrings:Curator={database}"), Cancellation);
        await WaitUntilAsync(async () => await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM audit_entries WHERE action = 'image.delete-intent'") >= 100);
        await PostAsync(simulator, "tasks", new { cluster = "prod", task = new { id = "cafe01", taskDefinition = "api:1", containers = new[] { new { name = "app", image = $"{Host}/{Name}@{second}", imageDigest = second } } } });
        await execution;

        Assert.Equal(1, await WebTestDatabase.CountAsync(database, $"SELECT count(*) FROM execution_outcomes WHERE outcome = 'skipped-in-use' AND digest = '{second}'"));
        Assert.Equal(149, await OutcomesAsync(database, "deleted"));
        Assert.Contains(second, await DigestsAsync(simulator));
    }

    [Fact]
    public async Task ApproveDeletesNothingOfARegistryNoLongerCurated()
    {
        var database = await WebTestDatabase.FreshAsync();
        await using var simulator = await Simulator.StartAsync(World(Image("old", "1")));
        await SnapshotAsync(database);
        await PostAsync(simulator, "tasks", new { cluster = "prod", task = new { id = "cafe02", taskDefinition = "api:1", containers = new[] { new { name = "app", image = $"{Host}/{Name}@{Digest("old")}", imageDigest = Digest("old") } } } });

        var approved = await Task.Run(
            () => PlanRun.Of("approve", "1", "--as", "alice", $"--Curator:Registries:0:AccountId={Account}", "--Curator:Registries:0:Region=us-east-1", $"--ConnectionStrings:Curator={database}"),
            Cancellation);

        Assert.Equal(1, approved.ExitCode);
        Assert.Contains("no longer curated", approved.Output);
        Assert.Equal(1, await OutcomesAsync(database, "skipped-unverified"));
        Assert.Contains(Digest("old"), await DigestsAsync(simulator));
    }

    private static string Host => $"{Account}.dkr.ecr.{Region}.amazonaws.com";

    private static async Task SnapshotAsync(string database)
    {
        var snapshot = await Task.Run(() => PlanRun.Of("snapshot", "--now", PlanRun.Now, $"--ConnectionStrings:Curator={database}"), Cancellation);
        Assert.True(snapshot.ExitCode == 0, snapshot.Errors);
    }

    private static Task<long> OutcomesAsync(string database, string outcome) =>
        WebTestDatabase.CountAsync(database, $"SELECT count(*) FROM execution_outcomes WHERE outcome = '{outcome}'");

    private static async Task PostAsync(Simulator simulator, string path, object body)
    {
        using var response = await simulator.Control.PostAsJsonAsync(path, body, WorldFile.Json, Cancellation);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancellation));
    }

    private static async Task<IReadOnlySet<string>> DigestsAsync(Simulator simulator)
    {
        var world = WorldFile.Parse(await simulator.Control.GetByteArrayAsync("world", Cancellation));
        return world.Accounts.SelectMany(account => account.Repositories).SelectMany(repository => repository.Images).Select(image => image.Digest).ToHashSet();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 300 && !await condition(); attempt++)
        {
            await Task.Delay(100, Cancellation);
        }
    }

    /// <summary>The images given, all old, and a recent one that anchors the window; a task definition to start tasks from.</summary>
    private static World World(params WorldImage[] images) => new()
    {
        Accounts =
        [
            new WorldAccount
            {
                AccountId = Account,
                Region = Region,
                Repositories = [new WorldRepository { Name = Name, Images = [.. images, Image("recent", "r") with { PushedAt = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero) }] }],
                TaskDefinitions = [new WorldTaskDefinition { Family = "api", Revision = 1, Containers = [new WorldContainerDefinition("app", $"{Host}/{Name}:r")] }],
            },
        ],
    };

    private static WorldImage Image(string name, params string[] tags) => new()
    {
        Digest = Digest(name), Tags = tags, PushedAt = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), SizeBytes = 1000,
    };

    private static string Digest(string name) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
