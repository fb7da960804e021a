using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using EcrCurator.AwsSimulator;
using EcrCurator.AwsSimulator.Generation;
using EcrCurator.Web;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EcrCurator.Benchmarks;

/// <summary>
/// <c>snapshot</c> end to end into PostgreSQL (the database named by <c>--connection</c>, emptied first) against the
/// simulator serving a generated organisation (<c>--lambda-share</c> of its repositories run by Lambda functions, 0.1
/// by default): the first snapshot, then repeats of the unchanged world, with the database's growth and the calls made.
/// </summary>
public static class SnapshotBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var option = (string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 ? args[at + 1] : fallback;
        var connection = option("--connection", "Host=127.0.0.1;Port=55432;Username=postgres;Database=curator_benchmark");
        var repeats = int.Parse(option("--repeats", "3"), CultureInfo.InvariantCulture);
        var settings = new GeneratorSettings
        {
            Seed = 11,
            Repositories = int.Parse(option("--repositories", "1000"), CultureInfo.InvariantCulture),
            ImagesPerRepository = int.Parse(option("--images-per-repository", "77"), CultureInfo.InvariantCulture),
            Services = 975,
            TasksPerService = 5,
            Clusters = 4,
            CrossAccountShare = 0,
            LambdaShare = double.Parse(option("--lambda-share", "0.1"), CultureInfo.InvariantCulture),
        };
        await BenchmarkDatabase.DropAsync(connection);
        var (simulator, address) = await SimulatorApp.StartOnLoopbackAsync(WorldGenerator.Generate(settings), settings);
        await using var _ = simulator;
        var endpoint = address.ToString();
        using var control = new HttpClient { BaseAddress = new Uri(new Uri(endpoint), "/_sim/") };
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", settings.RegistryAccount);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "simulated");
        Environment.SetEnvironmentVariable("AWS_REGION", settings.Region);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", endpoint);
        Console.WriteLine($"World: {SimulatorApp.Describe(simulator)}");

        string[] command =
        [
            "snapshot", $"--ConnectionStrings:Curator={connection}",
            $"--Curator:Registries:0:AccountId={settings.RegistryAccount}", $"--Curator:Registries:0:Region={settings.Region}",
        ];
        for (var run = 0; run <= repeats; run++)
        {
            var before = await BenchmarkDatabase.SizeAsync(connection);
            var clock = Stopwatch.StartNew();
            (await control.DeleteAsync("requests")).EnsureSuccessStatusCode();
            var exit = await Web.CommandLine.RunAsync(command, TextWriter.Null, TextWriter.Null);
            var seconds = clock.Elapsed.TotalSeconds;
            var after = await BenchmarkDatabase.SizeAsync(connection);
            var counts = (await control.GetFromJsonAsync<List<RequestCount>>("requests"))!;
            var lambda = counts.Where(count => count.Key.Contains("/lambda:", StringComparison.Ordinal)).Sum(count => count.Requests);
            Console.WriteLine($"{(run == 0 ? "first" : "repeat")} snapshot: {seconds:0.00} s, exit {exit}, {counts.Sum(count => count.Requests)} calls ({lambda} to Lambda), database {after / 1e6:0.0} MB ({(after - before) / 1e6:+0.00;-0.00} MB)");
        }

        return 0;
    }

    private sealed record RequestCount(string Key, int Requests, int Errors);
}
