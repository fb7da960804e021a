using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Jobs;

/// <summary>Worlds and waits for the tests that run jobs on a job server.</summary>
public static class JobWorlds
{
    /// <summary><paramref name="count"/> repositories of team shop, each with an old image (its one candidate) and a recent one.</summary>
    public static World Repositories(int count) => new()
    {
        Accounts =
        [
            new WorldAccount
            {
                AccountId = Account,
                Region = Region,
                Repositories = [.. Enumerable.Range(0, count).Select(i => Repository($"shop/app-{i:00}", Image($"old-{i}", "1", "2026-05-01"), Image($"new-{i}", "2", "2026-11-20")))],
            },
        ],
    };

    /// <summary>Every proposal's status, by proposal.</summary>
    public static async Task<Dictionary<long, string>> StatusesAsync(this TestDatabase database)
    {
        await using var db = database.Contexts.CreateDbContext();
        return await db.Proposals.ToDictionaryAsync(proposal => proposal.Id, proposal => proposal.Status, TestContext.Current.CancellationToken);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> state)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not so within {timeout}: {await state()}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
