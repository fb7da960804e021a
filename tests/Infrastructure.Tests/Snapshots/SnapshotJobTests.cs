using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Tests.Persistence;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Snapshots;

/// <summary>The nightly snapshot through a real Hangfire server on the test database (Hangfire's configuration is global: one at a time).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class SnapshotJobTests(TestDatabase database) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task TheNightlyJobFansOutPerAccountRegionAndSettlesOnceAllAreRead()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories(), ["--Curator:UsageSources:0:AccountId=222222222222", "--Curator:UsageSources:0:Region=ap-northeast-1"]);
        await harness.StartServerAsync();

        harness.Service<IBackgroundJobClient>().Enqueue<SnapshotJob>(job => job.RunAsync("nightly", CancellationToken.None));

        var snapshot = await harness.WaitForSnapshotAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("Complete", snapshot.Status);
        Assert.Equal(2, snapshot.Sources.Count);
        Assert.All(snapshot.Sources, source => Assert.Equal("Done", source.Status));
        await using var db = database.Contexts.CreateDbContext();
        Assert.Equal(2, await db.Proposals.CountAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await db.SnapshotReads.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await db.SnapshotReadRepositories.ToListAsync(TestContext.Current.CancellationToken));
        var succeeded = await SucceededJobsAsync(expected: 4);
        Assert.Equal(1, succeeded.Count(name => name == nameof(SnapshotJob.RunAsync)));
        Assert.Equal(2, succeeded.Count(name => name == nameof(SnapshotJob.ReadSourceAsync)));
        Assert.Equal(1, succeeded.Count(name => name == nameof(SnapshotJob.SettleAsync)));
        Assert.Contains(SnapshotJob.RecurringId, JobStorage.Current.GetConnection().GetRecurringJobs().Select(job => job.Id));
    }

    /// <summary>The jobs Hangfire has marked succeeded: it does so a moment after a job's method returns.</summary>
    private static async Task<List<string>> SucceededJobsAsync(int expected)
    {
        for (var attempt = 0; ; attempt++)
        {
            var succeeded = JobStorage.Current.GetMonitoringApi().SucceededJobs(0, 20).Select(job => job.Value.Job.Method.Name).ToList();
            if (succeeded.Count >= expected || attempt == 100)
            {
                return succeeded;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
