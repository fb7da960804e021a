using System.Net.Http.Json;
using EcrCurator.AwsSimulator;
using EcrCurator.AwsSimulator.Generation;
using EcrCurator.Worlds;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Support;

/// <summary>
/// The AWS simulator serving a world on 127.0.0.1, in this process, with the environment the AWS SDKs read
/// (credentials of the world's first account, the region, the endpoint) pointing at it.
/// </summary>
public sealed class Simulator : IAsyncDisposable
{
    private sealed record RequestCount(string Key, int Requests, int Errors);

    private readonly WebApplication app;

    private Simulator(WebApplication app, Uri endpoint)
    {
        this.app = app;
        Endpoint = endpoint;
        Control = new HttpClient { BaseAddress = new Uri(endpoint, "/_sim/") };
    }

    public Uri Endpoint { get; }

    public HttpClient Control { get; }

    public static async Task<Simulator> StartAsync(World world, GeneratorSettings? generator = null, string accountId = "111111111111", string region = "ap-northeast-1")
    {
        var (app, endpoint) = await SimulatorApp.StartOnLoopbackAsync(world, generator, cancellation: TestContext.Current.CancellationToken);
        PointAwsAt(endpoint, accountId, region);
        return new Simulator(app, endpoint);
    }

    /// <summary>The environment the AWS SDKs read: credentials acting as the account, the region, the endpoint.</summary>
    public static void PointAwsAt(Uri? endpoint, string accountId = "111111111111", string region = "ap-northeast-1")
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", accountId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "simulated");
        Environment.SetEnvironmentVariable("AWS_REGION", region);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", endpoint?.ToString());
    }

    /// <summary>Moves the world on by simulated days (new pushes, deployments, retired tasks).</summary>
    public async Task AdvanceAsync(int days)
    {
        using var response = await Control.PostAsJsonAsync("advance", new { days }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task InjectAsync(object fault)
    {
        using var response = await Control.PostAsJsonAsync("faults", fault, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every <c>service:Operation</c> the simulator was asked for.</summary>
    public async Task<IReadOnlySet<string>> OperationsCalledAsync()
    {
        var counts = await Control.GetFromJsonAsync<List<RequestCount>>("requests", TestContext.Current.CancellationToken);
        return counts!.Select(count => count.Key[(count.Key.LastIndexOf('/') + 1)..]).ToHashSet();
    }

    /// <summary>How many requests of <c>service:Operation</c> the simulator answered, in every account-region.</summary>
    public async Task<int> CallsAsync(string operation)
    {
        var counts = await Control.GetFromJsonAsync<List<RequestCount>>("requests", TestContext.Current.CancellationToken);
        return counts!.Where(count => count.Key.EndsWith("/" + operation, StringComparison.Ordinal)).Sum(count => count.Requests);
    }

    public async ValueTask DisposeAsync()
    {
        PointAwsAt(null);
        Control.Dispose();
        await app.DisposeAsync();
    }
}
