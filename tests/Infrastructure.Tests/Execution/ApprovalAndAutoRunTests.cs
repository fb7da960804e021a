using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Snapshots;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Execution;

[Collection(DatabaseCollection.Name)]
public sealed class ApprovalAndAutoRunTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static World OneRepository(params WorldImage[] images) => new()
    {
        Accounts = [new WorldAccount { AccountId = Account, Region = Region, Repositories = [Repository("auto/app", images)] }],
    };

    private async Task<(SnapshotHarness Harness, ProposalRow Proposal)> SnapshotAsync(World world, Action<SettingsRow>? settings = null, bool autoRun = true)
    {
        await using (var db = database.Contexts.CreateDbContext())
        {
            if (autoRun)
            {
                db.Policies.Add(new PolicyRow { Scope = "Team", Team = "auto", Mode = "AutoRun", UpdatedAt = DateTimeOffset.UtcNow });
            }

            settings?.Invoke(await db.Settings.SingleAsync(Cancellation));
            await db.SaveChangesAsync(Cancellation);
        }

        var harness = await SnapshotHarness.StartAsync(database, world);
        var snapshot = await harness.SnapshotAsync();
        await harness.Service<AutoRun>().ApproveAsync(snapshot.Id, Cancellation);
        await using var check = database.Contexts.CreateDbContext();
        return (harness, await check.Proposals.Include(row => row.Approvals).SingleAsync(Cancellation));
    }

    [Fact]
    public async Task AutoRunApprovesAsTheSystemWhenNoGuardObjects()
    {
        var (harness, proposal) = await SnapshotAsync(OneRepository(Image("old", "1", "2026-05-01"), Image("new", "2", "2026-11-20"), Image("newer", "3", "2026-11-21")));
        await using var _ = harness;

        Assert.Equal(ProposalStatus.Approved, proposal.Status);
        Assert.Equal("system", Assert.Single(proposal.Approvals).Actor);
    }

    [Fact]
    public async Task AutoRunLeavesAProposalForAPersonWhenItWouldDeleteMoreThanTheShareAllowed()
    {
        var (harness, proposal) = await SnapshotAsync(OneRepository(Image("old", "1", "2026-05-01"), Image("older", "0", "2026-04-01"), Image("new", "2", "2026-11-20")));
        await using var _ = harness;

        Assert.Equal(ProposalStatus.Pending, proposal.Status);
        Assert.Contains("2 of 3 images", proposal.StatusReason);
    }

    [Fact]
    public async Task AutoRunNeverDeletesEveryImageOfARepository()
    {
        var (harness, proposal) = await SnapshotAsync(
            OneRepository(Image("a", "1", "2026-05-01") with { Tags = [] }, Image("b", "2", "2026-11-20") with { Tags = [] }),
            settings => (settings.AutoRunMaxImageShare, settings.AutoRunMaxByteShare) = (1m, 1m));
        await using var _ = harness;

        Assert.Equal(ProposalStatus.Pending, proposal.Status);
        Assert.Contains("every image", proposal.StatusReason);
    }

    [Fact]
    public async Task AutoRunRespectsTheGibLimit()
    {
        var (harness, proposal) = await SnapshotAsync(
            OneRepository(Image("old", "1", "2026-05-01"), Image("new", "2", "2026-11-20"), Image("newer", "3", "2026-11-21")),
            settings => settings.AutoRunMaxGb = 0.0000001m);
        await using var _ = harness;

        Assert.Equal(ProposalStatus.Pending, proposal.Status);
        Assert.Contains("GiB", proposal.StatusReason);
    }

    [Fact]
    public async Task ASecondApproverMustBeSomeoneElse()
    {
        var (harness, proposal) = await SnapshotAsync(
            OneRepository(Image("old", "1", "2026-05-01"), Image("new", "2", "2026-11-20")), settings => settings.ApprovalsRequired = 2, autoRun: false);
        await using var _ = harness;
        var approvals = harness.Service<ApprovalService>();

        Assert.False(await approvals.ApproveAsync(proposal.Id, "alice", null, [], Cancellation));
        var twice = await Assert.ThrowsAsync<ApprovalException>(() => approvals.ApproveAsync(proposal.Id, "alice", null, [], Cancellation));
        Assert.True(await approvals.ApproveAsync(proposal.Id, "bob", "agreed", [], Cancellation));

        Assert.Contains("another person", twice.Message);
    }

    [Fact]
    public async Task ASupersededProposalCannotBeApproved()
    {
        var (harness, proposal) = await SnapshotAsync(OneRepository(Image("old", "1", "2026-05-01"), Image("new", "2", "2026-11-20")), autoRun: false);
        await using var _ = harness;
        await harness.ControlAsync("images", new { repository = "auto/app", image = Image("newest", "3", "2027-01-01") });
        await harness.SnapshotAsync();

        var refused = await Assert.ThrowsAsync<ApprovalException>(() => harness.Service<ApprovalService>().ApproveAsync(proposal.Id, "alice", null, [], Cancellation));

        Assert.Contains("superseded", refused.Message);
    }
}
