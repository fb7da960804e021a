using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;

namespace EcrCurator.Web.Tests.Features.Approvals;

/// <summary>Finding pending proposals in the generated world, and waiting for executions the job server runs.</summary>
public static class Proposals
{
    public static async Task<List<PendingProposal>> PendingAsync(ApprovalsService service, string? team = null)
    {
        var overview = await service.PendingAsync(TestContext.Current.CancellationToken);
        var pending = new List<PendingProposal>();
        foreach (var each in overview.Teams.Where(each => team is null || each.Team == team))
        {
            pending.AddRange((await service.TeamProposalsAsync(each.Team, 0, 1000, TestContext.Current.CancellationToken)).Items);
        }

        return pending;
    }

    /// <summary>Waits until the execution of <paramref name="proposalId"/> has ended (the app's job server runs it).</summary>
    public static async Task<ExecutionProgress> WaitForExecutionAsync(ApprovalsService service, long proposalId, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var progress = await service.ProgressAsync(proposalId, TestContext.Current.CancellationToken);
            if (progress is { IsRunning: false })
            {
                return progress;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Proposal {proposalId} is still {progress?.Status} after {seconds} s ({progress?.StatusReason}).");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The digests the simulator's world still holds in a repository (<c>account/region/name</c>).</summary>
    public static async Task<IReadOnlySet<string>> DigestsInWorldAsync(DashboardApp app, string repository)
    {
        var world = WorldFile.Parse(await app.Simulator.Control.GetByteArrayAsync("world", TestContext.Current.CancellationToken));
        return world.Accounts.SelectMany(account => account.Repositories.Select(each => (Key: $"{account.AccountId}/{account.Region}/{each.Name}", each.Images)))
            .Single(each => each.Key == repository).Images.Select(image => image.Digest).ToHashSet();
    }

    public static async Task<long> CountAsync(DashboardApp app, string sql) => await WebTestDatabase.CountAsync(app.Database, sql);
}
