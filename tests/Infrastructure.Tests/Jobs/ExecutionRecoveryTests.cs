using System.Text.Json;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Snapshots;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Tests.Jobs;

/// <summary>Executions nothing would run are queued again (a real Hangfire server on the test database, one test at a time).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ExecutionRecoveryTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AStrandedApprovedProposalAndAnExecutionLeftRunningAreQueuedAgainUnderTheirApproverWhenAJobServerStarts()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, JobWorlds.Repositories(2));
        await harness.SnapshotAsync();
        var approvals = harness.Service<ApprovalService>();
        // As two approve commands whose processes died: one before executing, one while executing.
        Assert.True(await approvals.ApproveAsync(1, "alice", null, [], Executor.Caller, Cancellation));
        Assert.True(await approvals.ApproveAsync(2, "bob", null, [], Executor.Caller, Cancellation));
        await using (var db = database.Contexts.CreateDbContext())
        {
            await db.Proposals.Where(row => row.Id == 2).ExecuteUpdateAsync(setters => setters.SetProperty(row => row.Status, ProposalStatus.Executing), Cancellation);
        }

        await harness.StartServerAsync();

        await JobWorlds.WaitUntilAsync(
            async () => (await database.StatusesAsync()).Values.All(status => status == ProposalStatus.Executed),
            TimeSpan.FromSeconds(60),
            async () => string.Join(", ", await database.StatusesAsync()));
        await using var check = database.Contexts.CreateDbContext();
        var requeued = await check.AuditEntries.Where(entry => entry.Action == "execution.requeued").OrderBy(entry => entry.Id).ToListAsync(Cancellation);
        Assert.Equal(
            [(1L, "Approved", "alice", "system"), (2L, "Executing", "bob", "system")],
            requeued.Select(entry => Details(entry) is var details
                ? (details.GetProperty("proposal").GetInt64(), details.GetProperty("status").GetString(), details.GetProperty("actor").GetString(), entry.Actor)
                : default));
        var started = await check.AuditEntries.Where(entry => entry.Action == "execution.started").OrderBy(entry => entry.Id).Select(entry => entry.Actor).ToListAsync(Cancellation);
        Assert.Equal(["alice", "bob"], started.Order());
    }

    [Fact]
    public async Task NothingIsQueuedAgainWhileTheKillSwitchIsOnAndAProposalScheduledForTheWindowIsNotQueuedTwice()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, JobWorlds.Repositories(2));
        await harness.SnapshotAsync();
        var now = TimeOnly.FromDateTime(DateTime.UtcNow);
        await SettingsAsync(killSwitch: true, window: (now.AddHours(2), now.AddHours(3)));
        var approvals = harness.Service<ApprovalService>();
        Assert.True(await approvals.ApproveAsync(1, "alice", null, [], Executor.Caller, Cancellation)); // stranded
        Assert.True(await approvals.ApproveAsync(2, "bob", null, [], Cancellation)); // scheduled for the window

        await harness.StartServerAsync();
        var whileOn = await harness.Service<ExecutionRecovery>().RequeueAsync("test", Cancellation);
        await SettingsAsync(killSwitch: false, window: (now.AddHours(2), now.AddHours(3)));
        var whenOff = await harness.Service<ExecutionRecovery>().RequeueAsync("test", Cancellation);
        var again = await harness.Service<ExecutionRecovery>().RequeueAsync("test", Cancellation);

        Assert.Empty(whileOn);
        Assert.Equal([1L], whenOff);
        Assert.Empty(again);
        var scheduled = JobStorage.Current.GetMonitoringApi().ScheduledJobs(0, 100).Select(job => (long)job.Value.Job.Args[0]).Order().ToList();
        Assert.Equal([1L, 2L], scheduled);
        Assert.Equal([1L, 2L], harness.Service<JobQueue>().ExecutionsWaitingOrRunning().Order());
        Assert.All((await database.StatusesAsync()).Values, status => Assert.Equal(ProposalStatus.Approved, status));
    }

    private async Task SettingsAsync(bool killSwitch, (TimeOnly Start, TimeOnly End) window)
    {
        await using var db = database.Contexts.CreateDbContext();
        await db.Settings.ExecuteUpdateAsync(
            setters => setters.SetProperty(settings => settings.KillSwitch, killSwitch).SetProperty(settings => settings.TimeZone, "UTC")
                .SetProperty(settings => settings.WindowStart, window.Start).SetProperty(settings => settings.WindowEnd, window.End),
            Cancellation);
    }

    private static JsonElement Details(AuditEntryRow entry) => JsonDocument.Parse(entry.Details).RootElement;
}
