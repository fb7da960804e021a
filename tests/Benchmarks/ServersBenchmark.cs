using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using EcrCurator.AwsSimulator;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Benchmarks;

/// <summary>
/// <c>servers</c>: how the work spreads over job servers and workers. For each count of servers (each the product's
/// server in a process of its own) and of workers per server: a snapshot of an organisation of several
/// account-regions through the job queue, then the executions of as many approved proposals, against the simulator
/// with a latency on every AWS call; wall times from queueing to the last job's end.
/// </summary>
public static class ServersBenchmark
{
    private const string Account = "111111111111";

    public static async Task<int> RunAsync(string[] args)
    {
        var option = (string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 ? args[at + 1] : fallback;
        var number = (string name, string fallback) => int.Parse(option(name, fallback), CultureInfo.InvariantCulture);
        var numbers = (string name, string fallback) => option(name, fallback).Split(',').Select(value => int.Parse(value, CultureInfo.InvariantCulture)).ToList();
        var connection = option("--connection", "Host=127.0.0.1;Port=55432;Username=postgres;Database=curator_benchmark");
        var (regions, repositories, images, latency, approve) =
            (number("--regions", "8"), number("--repositories", "40"), number("--images-per-repository", "20"), number("--latency-ms", "20"), number("--approve", "40"));
        var world = World(regions, repositories, images);
        Console.WriteLine($"World: {regions} account-regions × {repositories} repositories × {images} images; {latency} ms per AWS call; {approve} proposals approved");
        Console.WriteLine("| servers | workers each | snapshot s | executions | executions s |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var servers in numbers("--servers", "1,2"))
        {
            foreach (var workers in numbers("--workers", "1,2,4,8"))
            {
                var (snapshot, executed, executions) = await MeasureAsync(connection, world, servers, workers, latency, approve);
                Console.WriteLine($"| {servers} | {workers} | {snapshot:0.0} | {executed} | {executions:0.0} |");
            }
        }

        return 0;
    }

    private static async Task<(double Snapshot, int Executed, double Executions)> MeasureAsync(string connection, World world, int servers, int workers, int latency, int approve)
    {
        await BenchmarkDatabase.DropAsync(connection);
        Npgsql.NpgsqlConnection.ClearAllPools(); // the previous run's pooled connections point at the database just dropped
        var (simulator, address) = await SimulatorApp.StartOnLoopbackAsync(world);
        await using var _ = simulator;
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Account);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "simulated");
        Environment.SetEnvironmentVariable("AWS_REGION", world.Accounts[0].Region);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", address.ToString());
        using (var control = new HttpClient { BaseAddress = new Uri(address, "/_sim/") })
        {
            (await control.PostAsJsonAsync("faults", new { kind = "latency", latencyMs = latency })).EnsureSuccessStatusCode();
        }

        string[] settings =
        [
            $"--ConnectionStrings:Curator={connection}", "--Logging:LogLevel:Default=Warning",
            .. world.Accounts.SelectMany((account, i) => new[] { $"--Curator:Registries:{i}:AccountId={account.AccountId}", $"--Curator:Registries:{i}:Region={account.Region}" }),
        ];
        using var product = CommandHost.Build(settings, TextWriter.Null);
        await product.Database().MigrateAsync(CancellationToken.None);
        var processes = Enumerable.Range(0, servers)
            .Select(_ => Start(["--environment", "Development", "--urls", "http://127.0.0.1:0", $"--Curator:Jobs:WorkerCount={workers}", .. settings]))
            .ToList();
        try
        {
            var contexts = product.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>();
            var storage = product.Services.GetRequiredService<Hangfire.JobStorage>();
            await UntilAsync(() => Task.FromResult(storage.GetMonitoringApi().Servers().Count == servers));

            var clock = Stopwatch.StartNew();
            product.Services.GetRequiredService<JobQueue>().QueueSnapshot("benchmark");
            await UntilAsync(async () => await QueryAsync(contexts, db => db.Snapshots.AnyAsync(row => row.Status != SnapshotStatus.Running)));
            var snapshot = clock.Elapsed.TotalSeconds;

            var proposals = await QueryAsync(contexts, db => db.Proposals.OrderBy(row => row.Id).Select(row => row.Id).Take(approve).ToListAsync());
            clock.Restart();
            foreach (var proposal in proposals)
            {
                await product.Services.GetRequiredService<ApprovalService>().ApproveAsync(proposal, "benchmark", null, [], CancellationToken.None);
            }

            await UntilAsync(async () => await QueryAsync(contexts, db => db.Proposals.CountAsync(row => row.Status == ProposalStatus.Executed)) == proposals.Count);
            return (snapshot, proposals.Count, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    /// <summary>Account-regions of one account, each with repositories of images pushed a day apart (the older half candidates).</summary>
    private static World World(int regions, int repositories, int images)
    {
        string[] names = ["ap-northeast-1", "us-east-1", "eu-west-1", "us-west-2", "eu-central-1", "ap-southeast-1", "ap-southeast-2", "sa-east-1", "ca-central-1", "eu-north-1", "us-east-2", "ap-south-1"];
        var newest = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        return new World
        {
            Accounts =
            [
                .. names.Take(regions).Select(region => new WorldAccount
                {
                    AccountId = Account,
                    Region = region,
                    Repositories =
                    [
                        .. Enumerable.Range(0, repositories).Select(r => new WorldRepository
                        {
                            Name = $"team-{r % 6}/app-{r}",
                            Tags = new Dictionary<string, string> { ["team"] = $"team-{r % 6}" },
                            Images =
                            [
                                .. Enumerable.Range(0, images).Select(i => new WorldImage
                                {
                                    Digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{region}/{r}/{i}"))),
                                    Tags = [$"v{i}"], PushedAt = newest.AddDays(-2 * (images - i)), SizeBytes = 10_000_000,
                                }),
                            ],
                        }),
                    ],
                }),
            ],
        };
    }

    private static Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Web.CommandLine).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<T> QueryAsync<T>(IDbContextFactory<CuratorDbContext> contexts, Func<CuratorDbContext, Task<T>> query)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await query(db);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The job servers did not finish within 30 minutes.");
            }

            await Task.Delay(100);
        }
    }
}
