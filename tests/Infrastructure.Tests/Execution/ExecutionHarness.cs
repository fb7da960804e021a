using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Snapshots;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Tests.Execution;

/// <summary>A snapshot of a world with its proposal approved, ready to execute.</summary>
public static class ExecutionHarness
{
    public static async Task<(SnapshotHarness Harness, long Proposal)> ApprovedAsync(TestDatabase database, World world)
    {
        var harness = await SnapshotHarness.StartAsync(database, world);
        await harness.SnapshotAsync();
        await using var db = database.Contexts.CreateDbContext();
        var proposal = await db.Proposals.SingleAsync(TestContext.Current.CancellationToken);
        Assert.True(await harness.Service<ApprovalService>().ApproveAsync(proposal.Id, "alice", "as discussed", [], TestContext.Current.CancellationToken));
        return (harness, proposal.Id);
    }

    public static Task<ProposalRow> ExecuteAsync(this SnapshotHarness harness, long proposal) =>
        harness.Service<ExecutionService>().ExecuteAsync(proposal, "alice", TestContext.Current.CancellationToken);

    public static async Task<Dictionary<string, string>> OutcomesAsync(TestDatabase database, long proposal)
    {
        await using var db = database.Contexts.CreateDbContext();
        return await db.ExecutionOutcomes.Where(outcome => outcome.ProposalId == proposal).ToDictionaryAsync(outcome => outcome.Digest, outcome => outcome.Outcome, TestContext.Current.CancellationToken);
    }

    /// <summary>The digests the simulator's world still holds.</summary>
    public static async Task<IReadOnlySet<string>> DigestsAsync(this SnapshotHarness harness)
    {
        var world = WorldFile.Parse(await harness.Control.GetByteArrayAsync("world", TestContext.Current.CancellationToken));
        return world.Accounts.SelectMany(account => account.Repositories).SelectMany(repository => repository.Images).Select(image => image.Digest).ToHashSet();
    }
}
