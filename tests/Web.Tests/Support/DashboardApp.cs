using EcrCurator.AwsSimulator.Generation;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Support;

/// <summary>
/// The whole product as it runs: the server (dashboard, job server) on a real loopback port and a fresh database,
/// the simulator serving a generated organisation (registry account 111111111111, workloads in 222222222222 reached
/// through a role), and a first snapshot taken. Feature services are called as a chosen person with <see cref="As"/>.
/// Tests using it belong to <see cref="AwsEnvironmentCollection"/> (one at a time: the AWS environment and Hangfire are
/// process-wide).
/// </summary>
public sealed class DashboardApp : IAsyncDisposable
{
    public const string RegistryAccount = "111111111111";
    public const string Region = "ap-northeast-1";

    /// <summary>A small organisation: 3 teams, 12 repositories of 8 images, multi-arch images, signatures, cross-account services.</summary>
    public static GeneratorSettings SmallWorld { get; } = new()
    {
        Seed = 11, Teams = 3, Repositories = 12, ImagesPerRepository = 8, Services = 10, MultiArchShare = 0.25, SignatureShare = 0.25, UntaggedShare = 0.25,
    };

    private DashboardApp(WebApplication app, Simulator simulator, string database, Uri address)
    {
        App = app;
        Simulator = simulator;
        Database = database;
        Address = address;
    }

    public WebApplication App { get; }

    public Simulator Simulator { get; }

    /// <summary>The connection string of the app's database.</summary>
    public string Database { get; }

    /// <summary>Where the dashboard listens, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address { get; }

    public static async Task<DashboardApp> StartAsync(GeneratorSettings? world = null, params string[] settings)
    {
        var generator = world ?? SmallWorld;
        var database = await WebTestDatabase.FreshAsync("curator_web_dashboard");
        var simulator = await Simulator.StartAsync(WorldGenerator.Generate(generator), generator);
        var app = await Server.BuildAsync(
        [
            "--environment", "Development", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning",
            $"--ConnectionStrings:Curator={database}",
            $"--Curator:Registries:0:AccountId={RegistryAccount}", $"--Curator:Registries:0:Region={Region}",
            $"--Curator:UsageSources:0:AccountId={generator.WorkloadAccount}", $"--Curator:UsageSources:0:Region={Region}",
            $"--Curator:UsageSources:0:RoleArn=arn:aws:iam::{generator.WorkloadAccount}:role/ecr-curator",
            .. settings,
        ]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var dashboard = new DashboardApp(app, simulator, database, address);
        await dashboard.SnapshotAsync();
        return dashboard;
    }

    /// <summary>Takes a snapshot now, as the nightly job would, and waits for it.</summary>
    public async Task<long> SnapshotAsync()
    {
        var snapshot = await App.Services.GetRequiredService<SnapshotService>().TakeAsync("system", TestContext.Current.CancellationToken);
        return snapshot.Id;
    }

    /// <summary>A request scope acting as <paramref name="user"/> with <paramref name="role"/>: resolve feature services from it.</summary>
    public AsyncServiceScope As(string user, string role, params TeamRole[] teamRoles)
    {
        var scope = App.Services.CreateAsyncScope();
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(SignedInUser.Principal(user, role, "test", teamRoles))));
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
