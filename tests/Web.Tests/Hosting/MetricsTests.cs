using System.Net;
using System.Net.Http.Headers;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Hosting;

[Collection(AwsEnvironmentCollection.Name)]
public class MetricsTests
{
    private const string Token = "scrape-me-7Qm2vX9kLp4R";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APrometheusScraperReadsSnapshotsAwsCallsAndDeletionsByOutcome()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 }, $"--Curator:Metrics:Token={Token}");
        long proposal;
        await using (var db = await app.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(Cancellation))
        {
            proposal = await db.Proposals.Where(row => row.Status == ProposalStatus.Pending).Select(row => row.Id).FirstAsync(Cancellation);
        }

        await app.App.Services.GetRequiredService<ApprovalService>().ApproveAsync(proposal, "ben", null, [], Executor.Caller, Cancellation);
        await app.App.Services.GetRequiredService<ExecutionService>().ExecuteAsync(proposal, "ben", Cancellation);
        using var client = new HttpClient { BaseAddress = app.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var metrics = await client.GetStringAsync("/metrics", Cancellation);

        Assert.Matches("""curator_snapshot_duration_seconds_count\{[^}]*status="Complete"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""curator_snapshot_engine_seconds_count(\{[^}]*\})? [1-9]""", metrics);
        Assert.Matches("""curator_snapshot_candidates\{[^}]*\} [0-9]+""", metrics);
        Assert.Matches("""curator_aws_calls_total\{[^}]*operation="DescribeImages"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""curator_lifecycle_dangers(\{[^}]*\})? [0-9]+""", metrics);
        Assert.Matches("""curator_aws_calls_total\{[^}]*operation="GetLifecyclePolicy"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""curator_execution_images_total\{[^}]*outcome="deleted"[^}]*\} [1-9]""", metrics);
    }

    [Fact]
    public async Task WithAPortMetricsAreServedThereAloneAndNotOnTheDashboardsPort()
    {
        var port = FreePort.Next();
        await using var server = await RunningServer.StartAsync($"--Curator:Metrics:Port={port}");
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var scraped = await scraper.GetAsync("/metrics", Cancellation);
        using var dashboardOnMetricsPort = await scraper.GetAsync("/signin", Cancellation);
        using var metricsOnDashboardPort = await server.Client.GetAsync("/metrics", Cancellation);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{port}";
        using var metricsWithItsPortInTheHost = await server.Client.SendAsync(spoofed, Cancellation);

        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Equal("text/plain", scraped.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, dashboardOnMetricsPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metricsOnDashboardPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metricsWithItsPortInTheHost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/signin", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task WithATokenMetricsAreServedOnlyToABearerOfIt()
    {
        await using var server = await RunningServer.StartAsync($"--Curator:Metrics:Token={Token}");

        async Task<HttpStatusCode> ScrapeAsync(AuthenticationHeaderValue? authorization)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Authorization = authorization;
            using var response = await server.Client.SendAsync(request, Cancellation);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(new AuthenticationHeaderValue("Bearer", Token + "x")));
        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(new AuthenticationHeaderValue("Bearer", Token[..^1])));
        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(new AuthenticationHeaderValue("Basic", Token)));
        Assert.Equal(HttpStatusCode.OK, await ScrapeAsync(new AuthenticationHeaderValue("Bearer", Token)));
    }

    [Fact]
    public async Task WithNeitherMetricsAreOffAndTheStartSaysHowToTurnThemOn()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.GetAsync("/metrics", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(server.Logs.Entries, entry => entry.Message.Contains("Curator:Metrics:Port", StringComparison.Ordinal)
                                                      && entry.Message.Contains("Curator:Metrics:Token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--Curator:Metrics:Token=short", "Curator:Metrics:Token must be at least 16 characters")]
    [InlineData("--Curator:Metrics:Port=70000", "Curator:Metrics:Port must be a port")]
    public async Task AWeakTokenOrABadPortFailsAtStartNamingTheKey(string setting, string message)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Web.Server.BuildAsync(["--environment", "Development", "--ConnectionStrings:Curator=Host=127.0.0.1;Port=9", "--Curator:Database:MigrateOnStart=false", setting]));

        Assert.StartsWith(message, refused.Message);
    }
}
