using System.Diagnostics;
using EcrCurator.Web.Tests.Features.Plan;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;

namespace EcrCurator.Web.Tests.Features.Approvals;

[Collection(AwsEnvironmentCollection.Name)]
public class ApproveCommandTests
{
    private const string Account = "111111111111";
    private const string Region = "ap-northeast-1";

    /// <summary>shop/big: 250 old candidates (three batches) and a recent image.</summary>
    private static World ManyCandidates() => new()
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
                        Name = "shop/big",
                        Images =
                        [
                            .. Enumerable.Range(0, 250).Select(i => new WorldImage
                            {
                                Digest = $"sha256:{i:x64}", Tags = [$"old-{i}"], PushedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i), SizeBytes = 1000,
                            }),
                            new WorldImage { Digest = $"sha256:{999:x64}", Tags = ["recent"], PushedAt = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), SizeBytes = 1000 },
                        ],
                    },
                ],
            },
        ],
    };

    [Fact]
    public async Task AnExecutionKilledMidwayIsResumedAndDeletesEachImageOnce()
    {
        var database = await WebTestDatabase.FreshAsync();
        await using var simulator = await Simulator.StartAsync(ManyCandidates());
        var snapshot = await Task.Run(() => PlanRun.Of("snapshot", $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);
        Assert.True(snapshot.ExitCode == 0, snapshot.Errors);
        await simulator.InjectAsync(new { kind = "latency", operation = "ecr:BatchDeleteImage", latencyMs = 1500 });

        using (var process = Process.Start(Command("approve", "1", "--as", "alice", $"--ConnectionStrings:Curator={database}"))!)
        {
            // Kill it once the first batch's intent is written: between intent and outcome, or after.
            await WaitUntilAsync(async () => await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM audit_entries WHERE action = 'image.delete-intent'") > 0);
            await Task.Delay(500, TestContext.Current.CancellationToken);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM execution_outcomes") < 250);
        var resumed = await Task.Run(() => PlanRun.Of("approve", "1", "--as", "alice", "--resume", $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);

        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Errors);
        Assert.Equal(250, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM execution_outcomes WHERE outcome IN ('deleted', 'already-gone')"));
        Assert.Equal(0, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM execution_outcomes WHERE outcome NOT IN ('deleted', 'already-gone')"));
        var world = WorldFile.Parse(await simulator.Control.GetByteArrayAsync("world", TestContext.Current.CancellationToken));
        Assert.Equal([$"sha256:{999:x64}"], world.Accounts[0].Repositories[0].Images.Select(image => image.Digest));
    }

    [Fact]
    public async Task TheKillSwitchStopsARunningExecutionBetweenBatches()
    {
        var database = await WebTestDatabase.FreshAsync();
        await using var simulator = await Simulator.StartAsync(ManyCandidates());
        var snapshot = await Task.Run(() => PlanRun.Of("snapshot", $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);
        Assert.True(snapshot.ExitCode == 0, snapshot.Errors);
        await simulator.InjectAsync(new { kind = "latency", operation = "ecr:BatchDeleteImage", latencyMs = 1500 });

        var execution = Task.Run(() => PlanRun.Of("approve", "1", "--as", "alice", $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken);
        await WaitUntilAsync(async () => await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM audit_entries WHERE action = 'image.delete-intent'") > 0);
        await WebTestDatabase.ExecuteAsync(database, "UPDATE settings SET kill_switch = true");
        var stopped = await execution;

        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("Approved", stopped.Output);
        Assert.Contains("kill switch", stopped.Output);
        Assert.Equal(100, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM execution_outcomes"));
        Assert.Equal(1, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM audit_entries WHERE action = 'execution.stopped'"));
    }

    [Fact]
    public async Task TheHelpSaysTheApproveVerbExecutesInItsOwnProcessWithoutAJobServer()
    {
        var errors = new StringWriter();

        var exit = await CommandLine.RunAsync(["help"], TextWriter.Null, errors);

        Assert.Equal(CommandLine.BadInput, exit);
        Assert.Contains("It executes here, in this process, and needs no job server", string.Join(' ', errors.ToString().Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    [InlineData("system")]
    [InlineData(" System ")]
    [InlineData("cli:root")]
    public void ApproveRefusesANameOfAutomationAsTheApprover(string name)
    {
        var refused = PlanRun.Of("approve", "1", "--as", name, "--ConnectionStrings:Curator=Host=127.0.0.1;Port=9;Username=nobody");

        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith($"--as: '{name.Trim()}' is a name the product's automation uses", refused.Errors);
    }

    private static ProcessStartInfo Command(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(CommandLine).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 300 && !await condition(); attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
