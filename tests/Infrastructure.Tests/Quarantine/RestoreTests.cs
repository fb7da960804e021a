using EcrCurator.Domain;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Quarantine;
using EcrCurator.Infrastructure.Tests.Execution;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Snapshots;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Quarantine.QuarantineWorld;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Quarantine;

/// <summary>SPEC 4: a person restores what the product quarantined; after QuarantineDays what is still archived and unused goes.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class RestoreTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ARestoreBringsAnImageBackToActiveAndKeepsItOutOfTheNextProposals()
    {
        await using var harness = await QuarantinedAsync();

        var requested = await harness.Service<RestoreService>().RestoreAsync(Key, [Digest("old")], "bob", Cancellation);

        Assert.Equal("ACTIVATING", requested.Statuses[Digest("old")]);
        await using (var db = database.Contexts.CreateDbContext())
        {
            Assert.Equal("ACTIVATING", (await db.Images.SingleAsync(image => image.Digest == Digest("old"), Cancellation)).Status);
            var pin = await db.Pins.SingleAsync(Cancellation);
            Assert.Equal((Digest("old"), "bob", RestoreService.PinReason, (DateTimeOffset?)null), (pin.Digest, pin.Actor, pin.Reason, pin.ExpiresAt));
        }

        await FollowAsync(harness, "old");

        Assert.Equal("ACTIVE", (await harness.ImagesAsync()).StatusOf("old"));
        await using (var db = database.Contexts.CreateDbContext())
        {
            Assert.Equal("ACTIVE", (await db.Images.SingleAsync(image => image.Digest == Digest("old"), Cancellation)).Status);
            var quarantine = await db.Quarantines.SingleAsync(row => row.Digest == Digest("old"), Cancellation);
            Assert.Equal("bob", quarantine.RestoredBy);
            Assert.NotNull(quarantine.RestoredAt);
            var actions = await db.AuditEntries.Where(entry => entry.Target == $"{Key}@{Digest("old")}").OrderBy(entry => entry.Id).Select(entry => entry.Action).ToListAsync(Cancellation);
            Assert.Equal(["image.archive-intent", "image.archived", "pin.added", "image.restore-requested", "image.restored"], actions);
        }

        var next = await harness.SnapshotAsync();

        Assert.Equal("Complete", next.Status);
        await using var check = database.Contexts.CreateDbContext();
        Assert.Equal(["outside-window", "pinned"], (await check.Images.SingleAsync(image => image.Digest == Digest("old"), Cancellation)).Reasons);
        Assert.Empty(await check.Proposals.Where(row => row.Status == ProposalStatus.Pending).ToListAsync(Cancellation));
    }

    [Fact]
    public async Task RestoresEverythingAnExecutionQuarantinedAndWhatHangsOnIt()
    {
        await using var harness = await QuarantinedAsync(Image("old-sig", "unused", "2026-05-01") with { Tags = [], Subject = Digest("old"), ArtifactMediaType = "application/spdx+json" });
        long proposal;
        await using (var db = database.Contexts.CreateDbContext())
        {
            proposal = (await db.Quarantines.FirstAsync(Cancellation)).ProposalId;
        }

        var requested = await harness.Service<RestoreService>().RestoreExecutionAsync(proposal, "bob", Cancellation);

        Assert.Equal(new[] { Digest("old"), Digest("old-sig"), Digest("older") }.Order(), requested.Statuses.Keys.Order());
        await FollowAsync(harness, "old", "old-sig", "older");
        var images = await harness.ImagesAsync();
        Assert.All(images.Values, image => Assert.Null(image.ImageStatus));
        await using var check = database.Contexts.CreateDbContext();
        Assert.Equal(3, await check.Pins.CountAsync(Cancellation));
        await Assert.ThrowsAsync<RestoreException>(() => harness.Service<RestoreService>().RestoreExecutionAsync(proposal, "bob", Cancellation));
    }

    [Fact]
    public async Task AnImagePastItsQuarantineIsProposedWithQuarantineExpiredAndDeletedAfterApproval()
    {
        await using var harness = await QuarantinedAsync();
        await harness.Service<RestoreService>().RestoreAsync(Key, [Digest("older")], "bob", Cancellation);
        await FollowAsync(harness, "older");
        await BackdateQuarantinesAsync(TimeSpan.FromDays(RetentionPolicy.DefaultQuarantineDays + 1));

        await harness.SnapshotAsync();

        long proposal;
        await using (var db = database.Contexts.CreateDbContext())
        {
            var pending = await db.Proposals.Include(row => row.Candidates).SingleAsync(row => row.Status == ProposalStatus.Pending, Cancellation);
            var candidate = Assert.Single(pending.Candidates);
            Assert.Equal((Digest("old"), CandidateActions.Delete), (candidate.Digest, candidate.Action));
            Assert.Equal(["outside-window", "quarantine-expired"], candidate.Reasons);
            Assert.Equal("keep", (await db.Images.SingleAsync(image => image.Digest == Digest("older"), Cancellation)).Decision);
            proposal = pending.Id;
        }

        Assert.True(await harness.Service<ApprovalService>().ApproveAsync(proposal, "alice", null, [], Cancellation));
        var executed = await harness.ExecuteAsync(proposal);

        Assert.Equal((ProposalStatus.Executed, 1000L), (executed.Status, executed.DeletedBytes));
        Assert.Equal(new[] { Digest("older"), Digest("recent") }.Order(), (await harness.DigestsAsync()).Order());
        await using var check = database.Contexts.CreateDbContext();
        Assert.NotNull((await check.Quarantines.SingleAsync(row => row.Digest == Digest("old"), Cancellation)).DeletedAt);
    }

    [Fact]
    public async Task AnApprovedDeletionIsNotSentForAnImagePushedAgainAfterItsQuarantine()
    {
        await using var harness = await QuarantinedAsync();
        await BackdateQuarantinesAsync(TimeSpan.FromDays(RetentionPolicy.DefaultQuarantineDays + 1));
        await harness.SnapshotAsync();
        long proposal;
        await using (var db = database.Contexts.CreateDbContext())
        {
            proposal = (await db.Proposals.SingleAsync(row => row.Status == ProposalStatus.Pending, Cancellation)).Id;
        }

        Assert.True(await harness.Service<ApprovalService>().ApproveAsync(proposal, "alice", null, [], Cancellation));
        await harness.ControlAsync("images", new { repository = Name, image = Image("old", "1", "2026-05-01") });

        await harness.ExecuteAsync(proposal);

        var outcomes = await ExecutionHarness.OutcomesAsync(database, proposal);
        Assert.Equal((Outcomes.SkippedChanged, Outcomes.Deleted), (outcomes[Digest("old")], outcomes[Digest("older")]));
        Assert.Contains(Digest("old"), await harness.DigestsAsync());
    }

    /// <summary>shop/api under a Quarantine policy, its two old candidates (and <paramref name="more"/>) quarantined by alice.</summary>
    private async Task<SnapshotHarness> QuarantinedAsync(params EcrCurator.Worlds.WorldImage[] more)
    {
        var harness = await SnapshotHarness.StartAsync(
            database, Of([Image("old", "1", "2026-05-01"), Image("older", "0", "2026-04-01"), Image("recent", "2", "2026-11-20"), .. more]), QuarantineSettings);
        await harness.ControlAsync("archive", new { restoreSeconds = 0.5 }, put: true);
        await harness.SnapshotAsync();
        await using var db = database.Contexts.CreateDbContext();
        var proposal = await db.Proposals.SingleAsync(Cancellation);
        Assert.True(await harness.Service<ApprovalService>().ApproveAsync(proposal.Id, "alice", null, [], Cancellation));
        Assert.Equal(ProposalStatus.Executed, (await harness.ExecuteAsync(proposal.Id)).Status);
        return harness;
    }

    /// <summary>The job the restore queued, run here (no job server runs in these tests) until ECR reports the images ACTIVE.</summary>
    private static Task FollowAsync(SnapshotHarness harness, params string[] names) =>
        harness.Service<RestoreJob>().RunAsync(Key.AccountId, Key.Region, Key.Name, [.. names.Select(Digest)], Cancellation);

    private async Task BackdateQuarantinesAsync(TimeSpan by)
    {
        await using var db = database.Contexts.CreateDbContext();
        await db.Quarantines.ExecuteUpdateAsync(setters => setters.SetProperty(row => row.ArchivedAt, row => row.ArchivedAt - by), Cancellation);
    }
}
