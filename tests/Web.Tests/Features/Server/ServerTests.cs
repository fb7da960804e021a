using EcrCurator.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Server;

[Collection(AwsEnvironmentCollection.Name)]
public class ServerTests
{
    private static async Task<(WebApplication App, HttpClient Client)> StartAsync(params string[] args)
    {
        var app = await Web.Server.BuildAsync(["--environment", "Development", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning", .. args]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address) });
    }

    [Fact]
    public async Task MigratesAnEmptyDatabaseSchedulesTheNightlySnapshotAndSaysItIsReady()
    {
        var database = await WebTestDatabase.FreshAsync();
        var (app, client) = await StartAsync($"--ConnectionStrings:Curator={database}");
        await using var _ = app;
        using var __ = client;

        Assert.Equal("alive", await client.GetStringAsync("/healthz", TestContext.Current.CancellationToken));
        Assert.Equal("ready", await client.GetStringAsync("/readyz", TestContext.Current.CancellationToken));
        Assert.Equal(1, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs' AND value = 'nightly-snapshot'"));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RunsAsAnApplicationRoleThatOwnsNothing()
    {
        var database = await TwoRoleDatabase.CreateAsync("curator_web_server_two_roles");
        var (app, client) = await StartAsync(database.Arguments);
        await using var _ = app;
        using var __ = client;

        Assert.Equal("ready", await client.GetStringAsync("/readyz", TestContext.Current.CancellationToken));
        Assert.Equal(2, await WebTestDatabase.CountAsync(database.Runtime, "SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs' AND value IN ('nightly-snapshot', 'nightly-audit-verification')"));
        Assert.Equal(0, await WebTestDatabase.CountAsync(database.Superuser, $"SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = '{TwoRoleDatabase.RuntimeRole}') AND relpersistence <> 't'"));
        Assert.Equal(0, await WebTestDatabase.CountAsync(database.Superuser, $"SELECT count(*) FROM pg_namespace WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = '{TwoRoleDatabase.RuntimeRole}') AND nspname NOT LIKE 'pg_%'"));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task IsAliveButNotReadyWhenItsDatabaseDoesNotAnswer()
    {
        var (app, client) = await StartAsync(
            "--ConnectionStrings:Curator=Host=127.0.0.1;Port=9;Username=nobody;Timeout=2", "--Curator:Database:MigrateOnStart=false", "--Curator:Jobs:RunServer=false");
        await using var _ = app;
        using var __ = client;

        Assert.Equal("alive", await client.GetStringAsync("/healthz", TestContext.Current.CancellationToken));
        using var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("not ready", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
