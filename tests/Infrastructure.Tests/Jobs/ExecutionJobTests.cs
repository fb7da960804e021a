using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Snapshots;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Tests.Jobs;

/// <summary>Executions as jobs on a real Hangfire server on the test database (Hangfire's configuration is global: one at a time).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ExecutionJobTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task TwentyProposalsApprovedTogetherWithSlowAwsAllEndExecuted()
    {
        // Each execution waits 5 s on its BatchDeleteImage: one after the other they take 100 s, longer than a lock
        // for every proposal may be waited for (60 s).
        await using var harness = await SnapshotHarness.StartAsync(database, JobWorlds.Repositories(20), ["--Curator:Jobs:WorkerCount=20"]);
        await harness.SnapshotAsync();
        await harness.ControlAsync("faults", new { kind = "latency", operation = "ecr:BatchDeleteImage", latencyMs = 5000 });
        await harness.StartServerAsync();
        var approvals = harness.Service<ApprovalService>();

        foreach (var proposal in (await database.StatusesAsync()).Keys.Order())
        {
            Assert.True(await approvals.ApproveAsync(proposal, "alice", "the whole team", [], Cancellation));
        }

        await JobWorlds.WaitUntilAsync(
            async () => (await database.StatusesAsync()).Values.All(status => status == ProposalStatus.Executed),
            TimeSpan.FromSeconds(50),
            async () => string.Join(", ", (await database.StatusesAsync()).GroupBy(pair => pair.Value).Select(group => $"{group.Count()} {group.Key}")));
        await using var db = database.Contexts.CreateDbContext();
        Assert.Equal(20, await db.ExecutionOutcomes.CountAsync(outcome => outcome.Outcome == Outcomes.Deleted, Cancellation));
        Assert.Equal(20, await db.AuditEntries.CountAsync(entry => entry.Action == "execution.started" && entry.Actor == "alice", Cancellation));
    }
}
