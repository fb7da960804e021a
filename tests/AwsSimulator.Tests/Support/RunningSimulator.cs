using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrCurator.AwsSimulator.Generation;
using EcrCurator.Worlds;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.AwsSimulator.Tests.Support;

/// <summary>A simulator serving a world on 127.0.0.1 and a free port, in this process, for one test.</summary>
internal sealed class RunningSimulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<IDisposable> clients = [];

    private RunningSimulator(WebApplication app, Uri endpoint)
    {
        this.app = app;
        Endpoint = endpoint;
        Control = new HttpClient { BaseAddress = new Uri(endpoint, "/_sim/") };
    }

    public Uri Endpoint { get; }

    /// <summary>The control API (relative paths such as <c>faults</c>).</summary>
    public HttpClient Control { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<RunningSimulator> StartAsync(World world, GeneratorSettings? generator = null, TimeProvider? time = null)
    {
        var (app, endpoint) = await SimulatorApp.StartOnLoopbackAsync(world, generator, time, TestContext.Current.CancellationToken);
        return new RunningSimulator(app, endpoint);
    }

    public AwsClient Aws(string accessKeyId = TestWorlds.AccountA, string region = TestWorlds.Tokyo, string? sessionToken = null)
    {
        var client = new AwsClient(Endpoint, accessKeyId, region, sessionToken);
        clients.Add(client);
        return client;
    }

    public async Task<(int Status, JsonNode? Body)> PostAsync(string path, object body) => await SendAsync(HttpMethod.Post, path, body);

    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: WorldFile.Json);
        }

        using var response = await Control.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<World> WorldAsync()
    {
        var bytes = await Control.GetByteArrayAsync("world", TestContext.Current.CancellationToken);
        return JsonSerializer.Deserialize<World>(bytes, WorldFile.Json)!;
    }

    public async ValueTask DisposeAsync()
    {
        clients.ForEach(client => client.Dispose());
        Control.Dispose();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
