using System.Net.Http.Json;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Tests.Hosting;

/// <summary>Two job servers, each a process of its own, on one database: they share the work and survive the loss of one.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class JobServersTests
{
    private const string Account = "111111111111";
    private static readonly string[] Regions = ["ap-northeast-1", "us-east-1", "eu-west-1", "us-west-2"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private sealed record RequestCount(string Key, int Requests, int Errors);

    /// <summary>Four account-regions, each with three repositories of an old image (a candidate) and a recent one.</summary>
    private static World FourRegions() => new()
    {
        Accounts =
        [
            .. Regions.Select(region => new WorldAccount
            {
                AccountId = Account,
                Region = region,
                Repositories = [.. Enumerable.Range(0, 3).Select(i => Repository($"shop/{region}-{i}", 1))],
            }),
        ],
    };

    private static WorldRepository Repository(string name, int candidates) => new()
    {
        Name = name,
        Tags = new Dictionary<string, string> { ["team"] = "shop" },
        Images =
        [
            .. Enumerable.Range(0, candidates).Select(i => Image($"{name}/old-{i}", $"old-{i}", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i))),
            Image($"{name}/recent", "recent", new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)),
        ],
    };

    private static WorldImage Image(string name, string tag, DateTimeOffset pushed) => new()
    {
        Digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))),
        Tags = [tag], PushedAt = pushed, SizeBytes = 1000,
    };

    private static string[] Registries(int count) =>
        [.. Enumerable.Range(0, count).SelectMany(i => new[] { $"--Curator:Registries:{i}:AccountId={Account}", $"--Curator:Registries:{i}:Region={Regions[i]}" })];

    [Fact]
    public async Task TwoServersShareASnapshotsReadsReadEachOnceAndSettleItOnceThenRunExecutionsOfDifferentProposalsOnEither()
    {
        var database = await WebTestDatabase.FreshAsync();
        await using var simulator = await Simulator.StartAsync(FourRegions());
        await simulator.InjectAsync(new { kind = "latency", operation = "ecr:DescribeImages", latencyMs = 1000 });
        // Longer than the servers' take-over time (5 s): a server that runs a job keeps it.
        await simulator.InjectAsync(new { kind = "latency", operation = "ecr:BatchDeleteImage", latencyMs = 6000 });
        await using var servers = await JobServers.StartAsync(database, 2, Registries(4));

        servers.Service<JobQueue>().QueueSnapshot("test");
        await servers.WaitUntilAsync(() => servers.QueryAsync(db => db.Snapshots.AnyAsync(row => row.Status != SnapshotStatus.Running, Cancellation)), TimeSpan.FromSeconds(90), "no snapshot finished");

        var snapshot = await servers.QueryAsync(db => db.Snapshots.Include(row => row.Sources).SingleAsync(Cancellation));
        Assert.Equal(SnapshotStatus.Complete, snapshot.Status);
        Assert.All(snapshot.Sources, source => Assert.Equal(SourceStatus.Done, source.Status));
        var reads = servers.Processed<SnapshotJob>(nameof(SnapshotJob.ReadSourceAsync));
        Assert.Equal(4, reads.Count);
        Assert.Equal(servers.ProcessIds.Order(), reads.Select(read => read.Process).Distinct().Order());
        foreach (var region in Regions)
        {
            Assert.Equal(1, await Calls(simulator, region, "ecr:DescribeRepositories"));
        }

        Assert.Single(servers.Processed<SnapshotJob>(nameof(SnapshotJob.SettleAsync)));
        Assert.Equal(12, await servers.QueryAsync(db => db.Proposals.CountAsync(Cancellation)));

        var approvals = servers.Service<ApprovalService>();
        foreach (var proposal in await servers.QueryAsync(db => db.Proposals.OrderBy(row => row.Id).Select(row => row.Id).Take(6).ToListAsync(Cancellation)))
        {
            await approvals.ApproveAsync(proposal, "alice", null, [], Cancellation);
        }

        await servers.WaitUntilAsync(
            async () => await servers.QueryAsync(db => db.Proposals.CountAsync(row => row.Status == ProposalStatus.Executed, Cancellation)) == 6,
            TimeSpan.FromSeconds(90),
            "the six executions did not end");
        var executions = servers.Processed<ExecutionJob>(nameof(ExecutionJob.RunAsync));
        Assert.Equal(6, executions.Count);
        Assert.Equal(servers.ProcessIds.Order(), executions.Select(execution => execution.Process).Distinct().Order());
    }

    [Fact]
    public async Task AServerKilledInTheMiddleOfAReadLeavesItToTheOtherWhichFinishesTheSnapshotReadingNoOtherSourceAgain()
    {
        var database = await WebTestDatabase.FreshAsync();
        await using var simulator = await Simulator.StartAsync(FourRegions());
        await simulator.InjectAsync(new { kind = "latency", operation = "ecr:DescribeImages", latencyMs = 1500 });
        await using var servers = await JobServers.StartAsync(database, 2, Registries(4));

        servers.Service<JobQueue>().QueueSnapshot("test");
        await servers.WaitUntilAsync(
            () => Task.FromResult(servers.Monitoring.ProcessingJobs(0, 10).Count(job => job.Value.Job?.Method.Name == nameof(SnapshotJob.ReadSourceAsync)) == 2),
            TimeSpan.FromSeconds(60),
            "the two servers were not both reading");
        var reading = servers.Monitoring.ProcessingJobs(0, 10).First(job => job.Value.Job?.Method.Name == nameof(SnapshotJob.ReadSourceAsync));
        var killedRegion = (string)reading.Value.Job.Args[2];
        await servers.WaitUntilAsync(async () => await Calls(simulator, killedRegion, "ecr:DescribeImages") > 0, TimeSpan.FromSeconds(30), "the read did not reach its images");
        await servers.KillAsync(servers.Processed<SnapshotJob>(nameof(SnapshotJob.ReadSourceAsync)).Single(read => read.Job == reading.Key).Process);

        await servers.WaitUntilAsync(() => servers.QueryAsync(db => db.Snapshots.AnyAsync(row => row.Status != SnapshotStatus.Running, Cancellation)), TimeSpan.FromSeconds(90), "no snapshot finished");

        var snapshot = await servers.QueryAsync(db => db.Snapshots.Include(row => row.Sources).SingleAsync(Cancellation));
        Assert.Equal(SnapshotStatus.Complete, snapshot.Status);
        Assert.All(snapshot.Sources, source => Assert.Equal(SourceStatus.Done, source.Status));
        Assert.Equal(12, await servers.QueryAsync(db => db.Proposals.CountAsync(Cancellation)));
        Assert.Single(servers.Processed<SnapshotJob>(nameof(SnapshotJob.SettleAsync)));
        foreach (var region in Regions)
        {
            // The read that was killed is read again from its start (nothing of it had been kept); no other is.
            Assert.Equal(region == killedRegion ? 2 : 1, await Calls(simulator, region, "ecr:DescribeRepositories"));
        }
    }

    [Fact]
    public async Task AServerKilledInTheMiddleOfAnExecutionLeavesItToTheOtherWhichDeletesNothingTwice()
    {
        var database = await WebTestDatabase.FreshAsync();
        var world = new World { Accounts = [new WorldAccount { AccountId = Account, Region = Regions[0], Repositories = [Repository("shop/big", 250)] }] };
        await using var simulator = await Simulator.StartAsync(world);
        await using var servers = await JobServers.StartAsync(database, 2, Registries(1));
        await servers.Service<Infrastructure.Snapshots.SnapshotService>().TakeAsync("test", Cancellation);
        await simulator.InjectAsync(new { kind = "latency", operation = "ecr:BatchDeleteImage", latencyMs = 1500 });

        await servers.Service<ApprovalService>().ApproveAsync(1, "alice", null, [], Cancellation);
        await servers.WaitUntilAsync(() => servers.QueryAsync(db => db.AuditEntries.AnyAsync(entry => entry.Action == "image.delete-intent", Cancellation)), TimeSpan.FromSeconds(60), "no deletion started");
        await Task.Delay(500, Cancellation);
        var executing = Assert.Single(servers.Processed<ExecutionJob>(nameof(ExecutionJob.RunAsync)));
        await servers.KillAsync(executing.Process);

        await servers.WaitUntilAsync(
            () => servers.QueryAsync(db => db.Proposals.AnyAsync(row => row.Status != ProposalStatus.Approved && row.Status != ProposalStatus.Executing, Cancellation)),
            TimeSpan.FromSeconds(90),
            "the execution did not end");

        Assert.Equal(ProposalStatus.Executed, await servers.QueryAsync(db => db.Proposals.Select(row => row.Status).SingleAsync(Cancellation)));
        var outcomes = await servers.QueryAsync(db => db.ExecutionOutcomes.GroupBy(row => row.Outcome).ToDictionaryAsync(group => group.Key, group => group.Count(), Cancellation));
        Assert.Equal(250, outcomes.GetValueOrDefault(Outcomes.Deleted) + outcomes.GetValueOrDefault(Outcomes.AlreadyGone));
        Assert.Equal(250, outcomes.Values.Sum());
        Assert.Equal(0, await servers.QueryAsync(db => db.AuditEntries.Where(entry => entry.Action == "image.deleted").GroupBy(entry => entry.Target).CountAsync(group => group.Count() > 1, Cancellation)));
        var left = WorldFile.Parse(await simulator.Control.GetByteArrayAsync("world", Cancellation));
        Assert.Equal(["recent"], left.Accounts[0].Repositories[0].Images.SelectMany(image => image.Tags));
        Assert.Equal(2, servers.Processed<ExecutionJob>(nameof(ExecutionJob.RunAsync)).Select(run => run.Process).Distinct().Count());
    }

    private static async Task<int> Calls(Simulator simulator, string region, string operation)
    {
        var counts = await simulator.Control.GetFromJsonAsync<List<RequestCount>>("requests", Cancellation);
        return counts!.Where(count => count.Key == $"{Account}/{region}/{operation}").Sum(count => count.Requests);
    }
}
