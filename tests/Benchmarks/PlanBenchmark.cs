using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using EcrCurator.AwsSimulator;
using EcrCurator.AwsSimulator.Generation;
using EcrCurator.Web;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Benchmarks;

/// <summary>
/// <c>plan</c> end to end (host start, every AWS call, the engine, the JSON) against the simulator serving a generated
/// world in one account-region (<c>--lambda-share</c> of its repositories run by Lambda functions, 0.1 by default; 0 for
/// none); with added latency per call it compares the wall time with the floor
/// (calls × latency ÷ concurrency) and the calls with the fewest AWS's page and batch limits allow; with
/// <c>--throttle-percent N</c> that share of every call is answered ThrottlingException, and the decisions are
/// compared with those of a run without.
/// </summary>
public static class PlanBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var option = (string name, int fallback) =>
            Array.IndexOf(args, name) is var at and >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        var latency = option("--latency-ms", 0);
        var throttlePercent = option("--throttle-percent", 0);
        var concurrency = option("--concurrency", 8);
        var runs = option("--runs", 3);
        var lambdaShare = Array.IndexOf(args, "--lambda-share") is var share and >= 0 ? double.Parse(args[share + 1], CultureInfo.InvariantCulture) : 0.1;
        var settings = new GeneratorSettings
        {
            Seed = 11,
            Repositories = option("--repositories", 1000),
            ImagesPerRepository = option("--images-per-repository", 100),
            Services = option("--services", 1000),
            TasksPerService = option("--tasks-per-service", 5),
            Clusters = 4,
            CrossAccountShare = 0,
            LambdaShare = lambdaShare,
        };
        var world = WorldGenerator.Generate(settings);
        var minimum = MinimumCalls.Of(world.Accounts[0]);

        var (simulator, address) = await SimulatorApp.StartOnLoopbackAsync(world, settings);
        await using var _ = simulator;
        var endpoint = address.ToString();
        using var control = new HttpClient { BaseAddress = new Uri(new Uri(endpoint), "/_sim/") };
        if (latency > 0)
        {
            (await control.PostAsJsonAsync("faults", new { kind = "latency", latencyMs = latency })).EnsureSuccessStatusCode();
        }

        string[] arguments =
        [
            "plan", "--json", "--now", "2026-11-28T00:00:00Z",
            $"--Curator:Registries:0:AccountId={settings.RegistryAccount}", $"--Curator:Registries:0:Region={settings.Region}",
            $"--Curator:Aws:MaxConcurrency={concurrency}",
        ];

        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", settings.RegistryAccount);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "simulated");
        Environment.SetEnvironmentVariable("AWS_REGION", settings.Region);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", endpoint);
        Console.WriteLine($"World: {SimulatorApp.Describe(simulator)}; latency {latency} ms per call, concurrency {concurrency}, {throttlePercent} % of calls throttled");
        string? calm = null;
        if (throttlePercent > 0)
        {
            var clock = Stopwatch.StartNew();
            calm = await PlanAsync(arguments);
            Console.WriteLine($"without throttling first: {clock.Elapsed.TotalSeconds:0.00} s");
            (await control.PostAsJsonAsync("faults", new { kind = "throttle", probability = throttlePercent / 100.0, seed = 1 })).EnsureSuccessStatusCode();
        }

        var times = new List<double>();
        var callCounts = new List<long>();
        long calls = 0;
        for (var run = 1; run <= runs; run++)
        {
            (await control.DeleteAsync("requests")).EnsureSuccessStatusCode();
            var clock = Stopwatch.StartNew();
            var output = new StringWriter();
            var exit = await Web.CommandLine.RunAsync(arguments, output, TextWriter.Null);
            var elapsed = clock.Elapsed.TotalSeconds;
            times.Add(elapsed);
            var counts = (await control.GetFromJsonAsync<List<RequestCount>>("requests"))!;
            calls = counts.Sum(count => count.Requests);
            callCounts.Add(calls);
            var same = calm is null ? "" : Repositories(output.ToString()) == Repositories(calm) ? ", same decisions as without throttling" : ", DECISIONS DIFFER from those without throttling";
            var lambda = counts.Where(count => count.Key.Contains("/lambda:", StringComparison.Ordinal)).Sum(count => count.Requests);
            Console.WriteLine($"run {run}: {elapsed:0.00} s, exit {exit}, {calls} calls ({lambda} to Lambda) of which {counts.Sum(count => count.Errors)} throttled{same}");
        }

        times.Sort();
        callCounts.Sort();
        var median = times[times.Count / 2];
        calls = callCounts[callCounts.Count / 2];
        Console.WriteLine($"median wall time: {median:0.00} s; median calls: {calls}");
        Console.WriteLine($"calls made: {calls}; fewest the limits allow: {minimum}; ratio {(double)calls / minimum:0.000}");
        if (latency > 0)
        {
            var floor = calls * latency / 1000.0 / concurrency;
            Console.WriteLine($"floor (calls × {latency} ms ÷ {concurrency}): {floor:0.00} s; wall time ÷ floor: {median / floor:0.000}");
        }

        return 0;
    }

    private static async Task<string> PlanAsync(string[] arguments)
    {
        var output = new StringWriter();
        var exit = await Web.CommandLine.RunAsync(arguments, output, TextWriter.Null);
        return exit == 0 ? output.ToString() : throw new InvalidOperationException($"plan without throttling exited {exit}");
    }

    private static string Repositories(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("repositories").GetRawText();
    }

    private sealed record RequestCount(string Key, int Requests, int Errors);
}
