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
    [Fact]
    public async Task APrometheusScraperReadsSnapshotsAwsCallsAndDeletionsByOutcome()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        long proposal;
        await using (var db = await app.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            proposal = await db.Proposals.Where(row => row.Status == ProposalStatus.Pending).Select(row => row.Id).FirstAsync(TestContext.Current.CancellationToken);
        }

        await app.App.Services.GetRequiredService<ApprovalService>().ApproveAsync(proposal, "ben", null, [], TestContext.Current.CancellationToken);
        await app.App.Services.GetRequiredService<ExecutionService>().ExecuteAsync(proposal, "ben", TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = app.Address };

        var metrics = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Matches("""curator_snapshot_duration_seconds_count\{[^}]*status="Complete"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""curator_snapshot_engine_seconds_count(\{[^}]*\})? [1-9]""", metrics);
        Assert.Matches("""curator_snapshot_candidates\{[^}]*\} [0-9]+""", metrics);
        Assert.Matches("""curator_aws_calls_total\{[^}]*operation="DescribeImages"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""curator_lifecycle_dangers(\{[^}]*\})? [0-9]+""", metrics);
        Assert.Matches("""curator_aws_calls_total\{[^}]*operation="GetLifecyclePolicy"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""curator_execution_images_total\{[^}]*outcome="deleted"[^}]*\} [1-9]""", metrics);
    }
}
