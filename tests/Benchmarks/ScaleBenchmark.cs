using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EcrCurator.AwsSimulator.Generation;
using EcrCurator.Infrastructure;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.Overview;
using EcrCurator.Web.Features.Repositories;
using EcrCurator.Web.Features.Repository;
using EcrCurator.Web.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Benchmarks;

/// <summary>
/// <c>scale</c>: the whole product (the server of <see cref="Server.BuildAsync"/>, dashboard and job server, on a
/// fresh database) against the simulator serving a generated organisation in a process of its own
/// (<see cref="SimulatorProcess"/>) — a registry account and a workload account reached through a role, plus one large
/// repository. A first snapshot, then <c>--days</c> times: the world advances one simulated day and another snapshot is
/// taken. Per snapshot: wall time, the sampled peak working set of this process (the app, and the small harness around
/// it) and of the simulator's, the database's size, and the engine's time within the snapshot (the product's metric);
/// then the median and
/// 95th percentile of the feature-service calls the interactive pages make and of the prerendered pages over HTTP.
/// </summary>
public static partial class ScaleBenchmark
{
    private const string Region = "ap-northeast-1";
    private const double ImagesPerPush = 1.3;

    public static async Task<int> RunAsync(string[] args)
    {
        var option = (string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 ? args[at + 1] : fallback;
        var number = (string name, int fallback) => int.Parse(option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var connection = option("--connection", "Host=127.0.0.1;Port=55447;Username=postgres;Database=curator_scale;Maximum Pool Size=200");
        var repositoryCount = number("--repositories", 1000);
        var tasks = number("--tasks", repositoryCount * 2);
        var days = number("--days", 3);
        var requests = number("--requests", 30);
        var bigImages = number("--big-repository-images", 10_000);
        var services = Math.Max(1, Math.Min(repositoryCount, tasks));

        // The generator counts pushes; a multi-arch push adds an index and two children, a signed one a signature: about
        // 1.3 images a push with its default shares. The options count images.
        var pushes = (int images) => Math.Max(1, (int)Math.Round(images / ImagesPerPush));
        var settings = new GeneratorSettings
        {
            Seed = 11,
            Teams = 10,
            Repositories = repositoryCount,
            ImagesPerRepository = pushes(number("--images-per-repository", 100)),
            Services = services,
            TasksPerService = (tasks + services - 1) / services,
            Clusters = 4,
            DailyChangeRate = 0.01,
            LifecyclePolicyShare = double.Parse(option("--lifecycle-policy-share", "0.3"), CultureInfo.InvariantCulture),
            LargeRepositoryImages = bigImages > 0 ? pushes(bigImages) : 0,
        };

        using var memory = new MemorySampler(Process.GetCurrentProcess());
        await BenchmarkDatabase.DropAsync(connection);
        var clock = Stopwatch.StartNew();
        await using var simulator = await SimulatorProcess.StartAsync(Arguments(settings), TimeSpan.FromMinutes(15));
        using var simulatorMemory = new MemorySampler(Process.GetProcessById(simulator.Id));
        var endpoint = simulator.Endpoint;
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", settings.RegistryAccount);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "simulated");
        Environment.SetEnvironmentVariable("AWS_REGION", Region);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", endpoint.ToString());
        var serving = simulatorMemory.Now();
        Console.WriteLine($"World: {simulator.Description} (generated and served in {clock.Elapsed.TotalSeconds:0.0} s by the simulator's process {simulator.Id})");
        Console.WriteLine($"The simulator's process serving it: working set {serving / 1e6:0} MB; the app's process before the server: working set {memory.Now() / 1e6:0} MB");

        var app = await Server.BuildAsync(
        [
            "--environment", "Development", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning",
            $"--ConnectionStrings:Curator={connection}",
            $"--Curator:Registries:0:AccountId={settings.RegistryAccount}", $"--Curator:Registries:0:Region={Region}",
            $"--Curator:UsageSources:0:AccountId={settings.WorkloadAccount}", $"--Curator:UsageSources:0:Region={Region}",
            $"--Curator:UsageSources:0:RoleArn=arn:aws:iam::{settings.WorkloadAccount}:role/ecr-curator",
        ]);
        await app.StartAsync();
        await using var __ = app;
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var control = new HttpClient { BaseAddress = new Uri(endpoint, "/_sim/"), Timeout = TimeSpan.FromMinutes(30) };

        var snapshots = new List<SnapshotFigures>();
        var firstPages = new List<PageFigures>();
        using var engineTimes = new EngineTimes();
        for (var day = 0; day <= days; day++)
        {
            if (day > 0)
            {
                using var advanced = await control.PostAsJsonAsync("advance", new { days = 1 });
                advanced.EnsureSuccessStatusCode();
                Console.WriteLine($"advanced to day {day}: {await advanced.Content.ReadAsStringAsync()}");
            }

            var before = await BenchmarkDatabase.SizeAsync(connection);
            (await control.DeleteAsync("requests")).EnsureSuccessStatusCode();
            memory.StartPhase();
            simulatorMemory.StartPhase();
            var wall = Stopwatch.StartNew();
            var taken = await app.Services.GetRequiredService<SnapshotService>().TakeAsync("system", CancellationToken.None);
            var seconds = wall.Elapsed.TotalSeconds;
            var peak = memory.PhasePeak();
            var simulatorPeak = simulatorMemory.PhasePeak();
            var after = await BenchmarkDatabase.SizeAsync(connection);
            var engine = engineTimes.Last;
            var lifecycleCalls = (await control.GetFromJsonAsync<List<RequestCount>>("requests"))!
                .Where(count => count.Key.EndsWith("/ecr:GetLifecyclePolicy", StringComparison.Ordinal)).Sum(count => count.Requests);
            var figures = new SnapshotFigures(day, seconds, peak, simulatorPeak, engine, after, after - before, taken.Status, taken.Candidates)
            {
                LifecycleCalls = lifecycleCalls,
                LifecycleDangers = taken.LifecycleDangers,
            };
            snapshots.Add(figures);
            Console.WriteLine(
                $"snapshot {taken.Id} (day {day}): {taken.Status}, {seconds:0.0} s, peak working set {peak / 1e6:0} MB (the simulator's {simulatorPeak / 1e6:0} MB), " +
                $"engine {engine * 1000:0} ms, database {after / 1e6:0.0} MB ({(after - before) / 1e6:+0.0;-0.0} MB), {taken.Candidates} candidates, " +
                $"{lifecycleCalls} GetLifecyclePolicy calls, {taken.LifecycleDangers} lifecycle dangers");
            if (day == 0)
            {
                // Right after the first snapshot the planner's statistics are the staleness a new installation has.
                firstPages = await PagesAsync(app, address, requests);
            }
        }

        var lastPages = await PagesAsync(app, address, requests);
        var appPeaks = new ProcessPeaks(memory.Peak, Process.GetCurrentProcess().PeakWorkingSet64);
        Print(snapshots, firstPages, lastPages, appPeaks, new ProcessPeaks(simulatorMemory.Peak, simulator.PeakWorkingSet()), serving, Environment.ProcessorCount);
        await app.StopAsync();
        return snapshots.All(snapshot => snapshot.Status == "Complete") ? 0 : 1;
    }

    /// <summary>The simulator's command line for the settings the benchmark sets (the others are the generator's defaults).</summary>
    private static IEnumerable<string> Arguments(GeneratorSettings settings) =>
        new (string Name, object Value)[]
        {
            ("--seed", settings.Seed), ("--teams", settings.Teams), ("--repositories", settings.Repositories),
            ("--images-per-repository", settings.ImagesPerRepository), ("--services", settings.Services),
            ("--tasks-per-service", settings.TasksPerService), ("--clusters", settings.Clusters),
            ("--daily-change-rate", settings.DailyChangeRate), ("--large-repository-images", settings.LargeRepositoryImages),
            ("--lifecycle-policy-share", settings.LifecyclePolicyShare),
        }.SelectMany(option => new[] { option.Name, string.Format(CultureInfo.InvariantCulture, "{0}", option.Value) });

    /// <summary>The engine's time in each snapshot, as the product reports it in its metric <see cref="CuratorMetrics.EngineInstrument"/>.</summary>
    private sealed class EngineTimes : IDisposable
    {
        private readonly MeterListener listener = new();
        private double last = double.NaN;

        public EngineTimes()
        {
            listener.InstrumentPublished = (instrument, meters) =>
            {
                if (instrument.Meter.Name == CuratorMetrics.MeterName && instrument.Name == CuratorMetrics.EngineInstrument)
                {
                    meters.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => Volatile.Write(ref last, seconds));
            listener.Start();
        }

        /// <summary>The last snapshot's, in seconds.</summary>
        public double Last => Volatile.Read(ref last);

        public void Dispose() => listener.Dispose();
    }

    private static async Task<List<PageFigures>> PagesAsync(WebApplication app, Uri address, int requests)
    {
        const string user = "scale@example.com";
        var results = new List<PageFigures>();
        var largest = await AsAsync(app, user, (RepositoriesService service) =>
            service.PageAsync(new RepositoryPageRequest(RepositoryFilter.None, RepositorySort.Images, Descending: true), CancellationToken.None));
        var big = largest.Rows[0];
        Console.WriteLine($"largest repository: {big.Name} (id {big.Id}), {big.Images} images");

        results.Add(await TimeAsync("overview (OverviewService.GetAsync)", requests, () => AsAsync(app, user, (OverviewService s) => s.GetAsync(CancellationToken.None))));
        results.Add(await TimeAsync("repositories, first page (TeamsAsync + PageAsync)", requests, () => AsAsync(app, user, async (RepositoriesService s) =>
        {
            await s.TeamsAsync(CancellationToken.None);
            return await s.PageAsync(new RepositoryPageRequest(RepositoryFilter.None), CancellationToken.None);
        })));
        results.Add(await TimeAsync("repositories, team=care", requests, () => AsAsync(app, user, (RepositoriesService s) =>
            s.PageAsync(new RepositoryPageRequest(new RepositoryFilter(Team: "care")), CancellationToken.None))));
        results.Add(await TimeAsync("repositories, sorted by name", requests, () => AsAsync(app, user, (RepositoriesService s) =>
            s.PageAsync(new RepositoryPageRequest(RepositoryFilter.None, RepositorySort.Name, Descending: false), CancellationToken.None))));
        results.Add(await TimeAsync("repositories, sorted by images", requests, () => AsAsync(app, user, (RepositoriesService s) =>
            s.PageAsync(new RepositoryPageRequest(RepositoryFilter.None, RepositorySort.Images, Descending: true), CancellationToken.None))));
        results.Add(await TimeAsync($"repository of {big.Images:N0} images (Get + Policy + Images page 1)", requests, () => AsAsync(app, user, async (RepositoryService s) =>
        {
            await s.GetAsync(big.Id);
            await s.PolicyAsync(big.Id);
            return await s.ImagesAsync(big.Id, new ImageQuery());
        })));
        var withPolicy = await AsAsync(app, user, (RepositoriesService service) =>
            service.PageAsync(new RepositoryPageRequest(RepositoryFilter.None, RepositorySort.LifecycleDangers, Descending: true), CancellationToken.None));
        results.Add(await TimeAsync($"its lifecycle section, {withPolicy.Rows[0].Name} (LifecycleService.GetAsync)", requests, () => AsAsync(app, user, (LifecycleService s) =>
            s.GetAsync(withPolicy.Rows[0].Id))));
        results.Add(await TimeAsync("approvals (PendingAsync)", requests, () => AsAsync(app, user, (ApprovalsService s) => s.PendingAsync(CancellationToken.None))));

        using var client = await SignedInAsync(address, user);
        foreach (var path in new[] { "/", "/repositories", "/repositories?team=care", $"/repositories/{big.Id}", "/approvals" })
        {
            results.Add(await TimeAsync($"GET {path} (prerendered)", requests, async () =>
            {
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
                }

                return body.Length;
            }));
        }

        return results;
    }

    /// <summary>A request scope acting as a signed-in Curator, as an interactive page's circuit is, calling one feature service.</summary>
    private static async Task<T> AsAsync<TService, T>(WebApplication app, string user, Func<TService, Task<T>> call)
        where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(SignedInUser.Principal(user, CuratorRoles.Curator, "test"))));
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Three warm-up calls, then <paramref name="requests"/> timed one after another.</summary>
    private static async Task<PageFigures> TimeAsync<T>(string name, int requests, Func<Task<T>> call)
    {
        for (var warm = 0; warm < 3; warm++)
        {
            await call();
        }

        var times = new List<double>();
        for (var request = 0; request < requests; request++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var figures = new PageFigures(name, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
        Console.WriteLine($"{name}: median {figures.Median:0.0} ms, p95 {figures.P95:0.0} ms");
        return figures;
    }

    private static async Task<HttpClient> SignedInAsync(Uri address, string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        var token = AntiforgeryToken().Match(await client.GetStringAsync("/signin")).Groups[1].Value;
        using var signedIn = await client.PostAsync("/signin/dev", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = user, ["role"] = CuratorRoles.Curator, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in answered {(int)signedIn.StatusCode}");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private static void Print(List<SnapshotFigures> snapshots, List<PageFigures> firstPages, List<PageFigures> lastPages, ProcessPeaks app, ProcessPeaks simulator, long simulatorServing, int cores)
    {
        Console.WriteLine();
        Console.WriteLine($"| snapshot | wall time (< 5 min) | peak working set of the app's process (< 2 GB) | the simulator's process | engine | database | growth (< 50 MB) | candidates | GetLifecyclePolicy calls | lifecycle dangers |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in snapshots)
        {
            Console.WriteLine(
                $"| {(s.Day == 0 ? "first" : $"day {s.Day}")} | {s.Seconds:0.0} s | {s.PeakWorkingSet / 1e6:N0} MB | {s.SimulatorPeakWorkingSet / 1e6:N0} MB " +
                $"| {s.EngineSeconds * 1000:N0} ms ({s.EngineSeconds / s.Seconds:P1}) " +
                $"| {s.DatabaseBytes / 1e6:N1} MB | {(s.Day == 0 ? "-" : $"{s.GrowthBytes / 1e6:+0.0;-0.0} MB")} | {s.Candidates:N0} | {s.LifecycleCalls:N0} | {s.LifecycleDangers:N0} |");
        }

        Console.WriteLine($"the app's process: peak working set {app.Sampled / 1e6:N0} MB sampled, {app.Kernel / 1e6:N0} MB the kernel's peak (VmHWM, the whole run); {cores} cores");
        Console.WriteLine($"the simulator's process: peak working set {simulator.Sampled / 1e6:N0} MB sampled, {simulator.Kernel / 1e6:N0} MB the kernel's peak (generating included); {simulatorServing / 1e6:N0} MB once serving");
        Console.WriteLine();
        Console.WriteLine("| page | after the first snapshot: median | p95 (< 200 ms) | after the last snapshot: median | p95 (< 200 ms) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (first, last) in firstPages.Zip(lastPages))
        {
            Console.WriteLine($"| {last.Name} | {first.Median:0.0} ms | {first.P95:0.0} ms | {last.Median:0.0} ms | {last.P95:0.0} ms |");
        }
    }

    private sealed record SnapshotFigures(int Day, double Seconds, long PeakWorkingSet, long SimulatorPeakWorkingSet, double EngineSeconds, long DatabaseBytes, long GrowthBytes, string Status, int Candidates)
    {
        /// <summary>The extra call per repository a snapshot makes since issue 22.</summary>
        public int LifecycleCalls { get; init; }

        public int LifecycleDangers { get; init; }
    }

    private sealed record RequestCount(string Key, int Requests, int Errors);

    private sealed record PageFigures(string Name, double Median, double P95);

    /// <summary>A process's peak working set: sampled every 100 ms while the benchmark ran, and the kernel's own peak.</summary>
    private sealed record ProcessPeaks(long Sampled, long Kernel);
}
