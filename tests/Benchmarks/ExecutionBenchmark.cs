using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using EcrCurator.AwsSimulator;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Benchmarks;

/// <summary>
/// Executions end to end: a snapshot of <c>--repositories</c> repositories of <c>--candidates</c> old images each (and
/// a recent one), <c>--tasks</c> running tasks, every proposal approved, then all executed by <c>--workers</c> at once
/// in one process (as a job server's workers do) with <c>--latency-ms</c> added to every AWS call: the wall time, the
/// AWS calls per deleted image, and the calls against the fewest the re-check before every batch allows.
/// </summary>
public static class ExecutionBenchmark
{
    private const string Account = "111111111111";
    private const string Region = "ap-northeast-1";

    public static async Task<int> RunAsync(string[] args)
    {
        var option = (string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 ? args[at + 1] : fallback;
        var number = (string name, int fallback) => int.Parse(option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var connection = option("--connection", "Host=127.0.0.1;Port=55432;Username=postgres;Database=curator_benchmark");
        var (repositories, candidates, tasks) = (number("--repositories", 100), number("--candidates", 100), number("--tasks", 2000));
        var (latency, workers, runs) = (number("--latency-ms", 20), number("--workers", 4), number("--runs", 3));
        var world = World(repositories, candidates, tasks);
        var floor = MinimumCalls.OfExecution(world.Accounts[0], world.Accounts[0].Repositories.ToDictionary(repository => repository.Name, _ => candidates));
        Console.WriteLine($"World: {repositories} repositories × {candidates} candidates, {tasks} running tasks; {latency} ms per call, {workers} executions at once");

        var times = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            await BenchmarkDatabase.DropAsync(connection);
            Npgsql.NpgsqlConnection.ClearAllPools(); // the last run's pooled connections died with its database
            var (simulator, address) = await SimulatorApp.StartOnLoopbackAsync(world);
            await using var _ = simulator;
            using var control = new HttpClient { BaseAddress = new Uri(address, "/_sim/") };
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Account);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "simulated");
            Environment.SetEnvironmentVariable("AWS_REGION", Region);
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", address.ToString());
            string[] configuration = [$"--ConnectionStrings:Curator={connection}", $"--Curator:Registries:0:AccountId={Account}", $"--Curator:Registries:0:Region={Region}"];
            if (await Web.CommandLine.RunAsync(["snapshot", .. configuration], TextWriter.Null, Console.Error) != 0)
            {
                throw new InvalidOperationException("The snapshot failed.");
            }

            using var host = CommandHost.Build(configuration, TextWriter.Null);
            var contexts = host.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>();
            List<long> proposals;
            await using (var db = await contexts.CreateDbContextAsync())
            {
                proposals = await db.Proposals.Select(proposal => proposal.Id).ToListAsync();
            }

            foreach (var proposal in proposals)
            {
                await host.Services.GetRequiredService<ApprovalService>().ApproveAsync(proposal, "bench", null, [], CancellationToken.None);
            }

            (await control.DeleteAsync("requests")).EnsureSuccessStatusCode();
            (await control.PostAsJsonAsync("faults", new { kind = "latency", latencyMs = latency })).EnsureSuccessStatusCode();
            var executions = host.Services.GetRequiredService<ExecutionService>();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(proposals, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (proposal, token) => await executions.ExecuteAsync(proposal, "bench", token));
            var seconds = clock.Elapsed.TotalSeconds;
            times.Add(seconds);
            var calls = (await control.GetFromJsonAsync<List<RequestCount>>("requests"))!.Sum(count => count.Requests);
            long deleted;
            await using (var db = await contexts.CreateDbContextAsync())
            {
                deleted = await db.ExecutionOutcomes.CountAsync(outcome => outcome.Outcome == Outcomes.Deleted);
            }

            Console.WriteLine($"run {run}: {seconds:0.00} s, {deleted} deleted, {calls} calls ({(double)calls / deleted:0.000} per deleted image); fewest: {floor} ({(double)calls / floor:0.00} × the floor)");
        }

        times.Sort();
        Console.WriteLine($"median wall time: {times[times.Count / 2]:0.00} s");
        return 0;
    }

    /// <summary>Repositories of old tagged images (the candidates) and a recent image that tasks run, spread over 20 clusters.</summary>
    private static World World(int repositories, int candidates, int tasks)
    {
        var pushed = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var names = Enumerable.Range(0, repositories).Select(r => $"bench/app-{r:D4}").ToList();
        var recent = names.ToDictionary(name => name, name => Digest(name, "recent"));
        return new World
        {
            Accounts =
            [
                new WorldAccount
                {
                    AccountId = Account,
                    Region = Region,
                    Repositories =
                    [
                        .. names.Select(name => new WorldRepository
                        {
                            Name = name,
                            Tags = new Dictionary<string, string> { ["team"] = "bench" },
                            Images =
                            [
                                .. Enumerable.Range(0, candidates).Select(i => new WorldImage { Digest = Digest(name, i.ToString(CultureInfo.InvariantCulture)), Tags = [$"old-{i}"], PushedAt = pushed.AddHours(i), SizeBytes = 1000 }),
                                new WorldImage { Digest = recent[name], Tags = ["current"], PushedAt = pushed.AddDays(300), SizeBytes = 1000 },
                            ],
                        }),
                    ],
                    TaskDefinitions = [.. names.Select(name => new WorldTaskDefinition { Family = name.Replace('/', '-'), Revision = 1, Containers = [new WorldContainerDefinition("app", $"{Account}.dkr.ecr.{Region}.amazonaws.com/{name}:current")] })],
                    Clusters =
                    [
                        .. Enumerable.Range(0, 20).Select(c => new WorldCluster
                        {
                            Name = $"cluster-{c}",
                            Tasks =
                            [
                                .. Enumerable.Range(0, tasks).Where(t => t % 20 == c).Select(t => names[t % names.Count]).Select((name, t) => new WorldTask
                                {
                                    Id = $"{c:x2}{t:x6}",
                                    TaskDefinition = $"{name.Replace('/', '-')}:1",
                                    Containers = [new WorldContainer("app", $"{Account}.dkr.ecr.{Region}.amazonaws.com/{name}:current") { ImageDigest = recent[name] }],
                                }),
                            ],
                        }),
                    ],
                },
            ],
        };
    }

    private static string Digest(string repository, string image) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(repository + "/" + image)));

    private sealed record RequestCount(string Key, int Requests, int Errors);
}
