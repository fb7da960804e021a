using EcrCurator.AwsSimulator.Control;
using EcrCurator.AwsSimulator.Generation;
using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcrCurator.AwsSimulator;

/// <summary>Builds the simulator: AWS on every path but <c>/_sim</c>, the control API there.</summary>
public static class SimulatorApp
{
    /// <summary>Reads or generates the world the options name (a malformed file throws <see cref="WorldFormatException"/>) and builds the app serving it.</summary>
    public static WebApplication Create(SimulatorOptions options, TimeProvider? time = null)
    {
        var world = options.WorldFile is { } path ? WorldFile.Read(path) : WorldGenerator.Generate(options.Generator);
        var app = Create(world, options.Generator, options.HostArguments, time);
        app.Services.GetRequiredService<SimulatorState>().RestoreTime = TimeSpan.FromSeconds(options.RestoreSeconds);
        if (options.Days > 0)
        {
            var state = app.Services.GetRequiredService<SimulatorState>();
            state.Write(s => WorldAdvance.Advance(s, options.Generator, options.Days));
        }

        return app;
    }

    public static WebApplication Create(World world, GeneratorSettings generator, IReadOnlyList<string> hostArguments, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder([.. hostArguments]);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        time ??= TimeProvider.System;
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(new SimulatorState(world, time));
        builder.Services.AddSingleton(generator);
        builder.Services.AddSingleton<FaultBook>();
        builder.Services.AddSingleton<RateLimiter>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<AwsEndpoint>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024);

        var app = builder.Build();
        app.MapControlApi();
        var endpoint = app.Services.GetRequiredService<AwsEndpoint>();
        app.MapFallback(endpoint.HandleAsync);
        return app;
    }

    /// <summary>Starts a simulator serving the world on 127.0.0.1 and a free port (for tests and benchmarks), with its endpoint.</summary>
    public static async Task<(WebApplication App, Uri Endpoint)> StartOnLoopbackAsync(
        World world, GeneratorSettings? generator = null, TimeProvider? time = null, CancellationToken cancellation = default)
    {
        var app = Create(world, generator ?? new GeneratorSettings(), ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"], time);
        await app.StartAsync(cancellation);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    /// <summary>Writes the world the app serves as a world file.</summary>
    public static void WriteWorld(WebApplication app, string path)
    {
        var state = app.Services.GetRequiredService<SimulatorState>();
        using var file = File.Create(path);
        WorldFile.Write(state.Read(s => s.ToWorld()), file);
    }

    public static string Describe(WebApplication app)
    {
        var state = app.Services.GetRequiredService<SimulatorState>();
        return state.Read(s =>
        {
            var repositories = s.Regions.Sum(region => region.Repositories.Count);
            var images = s.Regions.Sum(region => region.Repositories.Values.Sum(repository => repository.Images.Count));
            var tasks = s.Regions.Sum(region => region.Clusters.Values.Sum(cluster => cluster.Tasks.Count));
            return $"{s.Regions.Count()} account-regions, {repositories} repositories, {images} images, {tasks} tasks";
        });
    }
}
