using System.Net.Http.Json;
using EcrCurator.AwsSimulator;
using EcrCurator.AwsSimulator.Generation;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Support;
using EcrCurator.Worlds;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcrCurator.Infrastructure.Tests.Snapshots;

/// <summary>The simulator serving a world, and the product's snapshot service reading it into the test database.</summary>
public sealed class SnapshotHarness : IAsyncDisposable
{
    private readonly WebApplication simulator;
    private readonly IHost product;

    private SnapshotHarness(WebApplication simulator, IHost product, HttpClient control)
    {
        this.simulator = simulator;
        this.product = product;
        Control = control;
    }

    public HttpClient Control { get; }

    /// <param name="logs">Where the product's logs go, every level (none by default).</param>
    public static async Task<SnapshotHarness> StartAsync(TestDatabase database, World world, string[]? configuration = null, ILoggerProvider? logs = null)
    {
        TestCredentials.Use();
        var (simulator, address) = await SimulatorApp.StartOnLoopbackAsync(world, cancellation: TestContext.Current.CancellationToken);
        var endpoint = address.ToString();
        var builder = Host.CreateApplicationBuilder(configuration ?? []);
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Curator"] = database.ConnectionString,
            ["AWS_ENDPOINT_URL"] = endpoint,
            ["Curator:Registries:0:AccountId"] = world.Accounts[0].AccountId,
            ["Curator:Registries:0:Region"] = world.Accounts[0].Region,
        });
        builder.Configuration.AddCommandLine(configuration ?? []);
        builder.AddInfrastructure();
        return new SnapshotHarness(simulator, builder.Build(), new HttpClient { BaseAddress = new Uri(new Uri(endpoint), "/_sim/") });
    }

    public T Service<T>()
        where T : notnull => product.Services.GetRequiredService<T>();

    /// <summary>Starts the product's host: migrations, the job server, the recurring jobs.</summary>
    public Task StartServerAsync() => product.StartAsync(TestContext.Current.CancellationToken);

    /// <summary>The newest snapshot once it is no longer running.</summary>
    public async Task<SnapshotRow> WaitForSnapshotAsync(TimeSpan timeout)
    {
        var contexts = Service<IDbContextFactory<CuratorDbContext>>();
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
            var snapshot = await db.Snapshots.Include(row => row.Sources).OrderByDescending(row => row.Id).FirstOrDefaultAsync(TestContext.Current.CancellationToken);
            if (snapshot is { Status: not "Running" })
            {
                return snapshot;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"No snapshot finished within {timeout}.");
    }

    public Task<SnapshotRow> SnapshotAsync() =>
        product.Services.GetRequiredService<SnapshotService>().TakeAsync("test", TestContext.Current.CancellationToken);

    public async Task ControlAsync(string path, object body, bool put = false)
    {
        using var response = put
            ? await Control.PutAsJsonAsync(path, body, WorldFile.Json, TestContext.Current.CancellationToken)
            : await Control.PostAsJsonAsync(path, body, WorldFile.Json, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await product.StopAsync(CancellationToken.None);
        product.Dispose();
        await simulator.DisposeAsync();
    }
}
