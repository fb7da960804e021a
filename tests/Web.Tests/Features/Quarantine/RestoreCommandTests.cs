using EcrCurator.Web.Tests.Features.Plan;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;

namespace EcrCurator.Web.Tests.Features.Quarantine;

/// <summary>The <c>restore</c> verb: what an execution quarantined, or one image, back from ECR's archive; pinned and audited.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class RestoreCommandTests
{
    private const string Account = "111111111111";
    private const string Region = "ap-northeast-1";
    private const string Quarantine = "--Curator:Policy:Action=Quarantine";
    private static readonly string Old = $"sha256:{1:x64}";
    private static readonly string Older = $"sha256:{2:x64}";

    private static World ShopApi() => new()
    {
        Accounts =
        [
            new WorldAccount
            {
                AccountId = Account,
                Region = Region,
                Repositories =
                [
                    new WorldRepository
                    {
                        Name = "shop/api",
                        Images =
                        [
                            new WorldImage { Digest = Old, Tags = ["old"], PushedAt = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), SizeBytes = 1000 },
                            new WorldImage { Digest = Older, Tags = ["older"], PushedAt = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), SizeBytes = 1000 },
                            new WorldImage { Digest = $"sha256:{3:x64}", Tags = ["recent"], PushedAt = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), SizeBytes = 1000 },
                        ],
                    },
                ],
            },
        ],
    };

    [Fact]
    public async Task RestoresWhatAProposalsExecutionQuarantinedPinnedAndAudited()
    {
        var (database, simulator) = await QuarantinedAsync();
        await using var _ = simulator;

        var restored = await Task.Run(() => PlanRun.Of("restore", "--proposal", "1", "--as", "bob", $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);

        Assert.True(restored.ExitCode == 0, restored.Output + restored.Errors);
        Assert.Contains($"{Old} ACTIVATING", restored.Output);
        Assert.Contains($"{Older} ACTIVATING", restored.Output);
        Assert.Equal(["ACTIVATING", "ACTIVATING"], await StatusesAsync(simulator, Old, Older));
        Assert.Equal(2, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM pins WHERE reason = 'restored from quarantine' AND actor = 'bob'"));
        Assert.Equal(2, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM audit_entries WHERE action = 'image.restore-requested' AND actor = 'bob'"));
        Assert.Equal(2, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM quarantined_images WHERE restored_by = 'bob'"));
    }

    [Fact]
    public async Task RestoresOneImageNamedByItsRepositoryAndDigest()
    {
        var (database, simulator) = await QuarantinedAsync();
        await using var _ = simulator;

        var restored = await Task.Run(
            () => PlanRun.Of("restore", "--repository", $"{Account}/{Region}/shop/api", "--digest", Older, "--as", "bob", $"--ConnectionStrings:Curator={database}"),
            TestContext.Current.CancellationToken);

        Assert.True(restored.ExitCode == 0, restored.Output + restored.Errors);
        Assert.Equal(["ARCHIVED", "ACTIVATING"], await StatusesAsync(simulator, Old, Older));
        Assert.Equal(1, await WebTestDatabase.CountAsync(database, $"SELECT count(*) FROM pins WHERE digest = '{Older}'"));
    }

    [Theory]
    [InlineData("restore --proposal 1", "--as NAME")]
    [InlineData("restore --as bob", "either --proposal N")]
    [InlineData("restore --proposal 1 --repository 111111111111/ap-northeast-1/shop/api --digest sha256:1 --as bob", "either --proposal N")]
    [InlineData("restore --repository shop/api --digest sha256:1 --as bob", "ACCOUNT/REGION/NAME")]
    [InlineData("restore --proposal one --as bob", "--proposal needs a proposal's number")]
    public void RefusesARestoreThatDoesNotSayWhoOrWhat(string command, string message)
    {
        var run = PlanRun.Of(command.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Errors);
    }

    /// <summary>shop/api snapshotted and approved under a Quarantine policy: its two old images archived by proposal 1.</summary>
    private static async Task<(string Database, Simulator Simulator)> QuarantinedAsync()
    {
        var database = await WebTestDatabase.FreshAsync();
        var simulator = await Simulator.StartAsync(ShopApi());
        var snapshot = await Task.Run(() => PlanRun.Of("snapshot", Quarantine, $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);
        Assert.True(snapshot.ExitCode == 0, snapshot.Errors);
        var approved = await Task.Run(() => PlanRun.Of("approve", "1", "--as", "alice", Quarantine, $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);
        Assert.True(approved.ExitCode == 0, approved.Output + approved.Errors);
        Assert.Contains("2000 archived", approved.Output);
        Assert.Equal(["ARCHIVED", "ARCHIVED"], await StatusesAsync(simulator, Old, Older));
        return (database, simulator);
    }

    private static async Task<string[]> StatusesAsync(Simulator simulator, params string[] digests)
    {
        var world = WorldFile.Parse(await simulator.Control.GetByteArrayAsync("world", TestContext.Current.CancellationToken));
        var images = world.Accounts[0].Repositories[0].Images.ToDictionary(image => image.Digest);
        return [.. digests.Select(digest => images[digest].ImageStatus ?? "ACTIVE")];
    }
}
