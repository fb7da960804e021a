using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Infrastructure.Tests.Execution;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Quarantine;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Execution.ExecutionWorld;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Snapshots;

/// <summary>Pins and executions show in the stored images, the figures and the open proposals at once, not at the next snapshot.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class StandingDecisionsTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AnExecutionsDeletedImagesLeaveTheStoredImagesAndTheRepositoryFiguresAtOnce()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        var before = await RepositoryAsync();

        await harness.ExecuteAsync(proposal);

        var images = await ImagesAsync();
        Assert.NotNull(images[Old].GoneAt);
        Assert.NotNull(images[Older].GoneAt);
        Assert.Null(images[Recent].GoneAt);
        var after = await RepositoryAsync();
        Assert.Equal(before.ImageCount - 2, after.ImageCount);
        Assert.Equal(before.ImageBytes - 2000, after.ImageBytes);
        Assert.Equal(0, after.CandidateCount);
        Assert.Equal(0, after.CandidateBytes);
        Assert.Equal(0, after.ReclaimableBytes);
    }

    [Fact]
    public async Task ACandidateTheExecutionSkippedStaysListedAndCounted()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await harness.ControlAsync("tasks", new { cluster = "prod", task = new { id = "feedbeef", taskDefinition = "web:1", containers = new[] { new { name = "app", image = Reference, imageDigest = Old } } } });

        await harness.ExecuteAsync(proposal);

        var images = await ImagesAsync();
        Assert.Null(images[Old].GoneAt);
        Assert.NotNull(images[Older].GoneAt);
        var after = await RepositoryAsync();
        Assert.Equal(2, after.ImageCount);
        Assert.Equal(1, after.CandidateCount);
    }

    [Fact]
    public async Task AnArchivedCandidateShowsArchivedAndKeptAtOnce()
    {
        await using var harness = await SnapshotHarness.StartAsync(
            database, QuarantineWorld.Of(Image("old", "1", "2026-05-01"), Image("recent", "2", "2026-11-20")), QuarantineWorld.QuarantineSettings);
        await harness.SnapshotAsync();
        var proposal = await PendingProposalAsync();
        Assert.True(await harness.Service<ApprovalService>().ApproveAsync(proposal.Id, "alice", null, [], Cancellation));

        await harness.ExecuteAsync(proposal.Id);

        var old = (await ImagesAsync())[Digest("old")];
        Assert.Equal(("ARCHIVED", "keep", (string?)null), (old.Status, old.Decision, old.Action));
        Assert.Null(old.GoneAt);
        var after = await RepositoryAsync();
        Assert.Equal((0, 0L, old.SizeBytes), (after.CandidateCount, after.QuarantineBytes, after.ArchivedBytes));
    }

    [Fact]
    public async Task APinnedCandidateIsKeptAtOnceAndLeavesItsOpenProposalsCountsAndBytes()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, Create());
        await harness.SnapshotAsync();
        var before = await PendingProposalAsync();
        Assert.Equal(2, before.CandidateCount);

        await PinAsync(Old);

        var old = (await ImagesAsync())[Old];
        Assert.Equal("keep", old.Decision);
        Assert.Contains("pinned", old.Reasons);
        Assert.Null(old.Action);
        var after = await PendingProposalAsync();
        Assert.Equal((1, before.CandidateBytes - old.SizeBytes), (after.CandidateCount, after.CandidateBytes));
        Assert.True(after.ReclaimableBytes < before.ReclaimableBytes);
        var repository = await RepositoryAsync();
        Assert.Equal((1, 1, after.ReclaimableBytes), (repository.CandidateCount, repository.PinnedCount, repository.ReclaimableBytes));
    }

    [Fact]
    public async Task AnUnpinnedCandidateTheSnapshotProposedIsACandidateAgainWithItsOwnReasons()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, Create());
        await harness.SnapshotAsync();
        var proposed = (await ImagesAsync())[Old];
        var before = await PendingProposalAsync();
        await PinAsync(Old);

        await using (var db = database.Contexts.CreateDbContext())
        {
            await db.Pins.ExecuteDeleteAsync(Cancellation);
            await StandingDecisions.RestateAsync(db, proposed.RepositoryId, DateTimeOffset.UtcNow, Cancellation);
        }

        var old = (await ImagesAsync())[Old];
        Assert.Equal((proposed.Decision, proposed.Action), (old.Decision, old.Action));
        Assert.Equal(proposed.Reasons, old.Reasons);
        var after = await PendingProposalAsync();
        Assert.Equal((before.CandidateCount, before.CandidateBytes, before.ReclaimableBytes), (after.CandidateCount, after.CandidateBytes, after.ReclaimableBytes));
    }

    [Fact]
    public async Task APinnedIndexKeepsItsChildrenAtOnce()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, MultiArch());
        await harness.SnapshotAsync();
        Assert.Equal(3, (await PendingProposalAsync()).CandidateCount);

        await PinAsync(Digest("index"));

        var images = await ImagesAsync();
        Assert.All([Digest("amd64"), Digest("arm64")], child => Assert.Equal(("keep", true), (images[child].Decision, images[child].Reasons.Contains("index-child"))));
        Assert.Equal((0, 0L), ((await PendingProposalAsync()).CandidateCount, (await PendingProposalAsync()).CandidateBytes));
    }

    [Fact]
    public async Task AChildKeptWhenItsIndexWasDeletedIsListedOnItsOwn()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, MultiArch());
        await harness.SnapshotAsync();
        var proposal = await PendingProposalAsync();
        await PinAsync(Digest("amd64"));
        Assert.True(await harness.Service<ApprovalService>().ApproveAsync(proposal.Id, "alice", null, [], Cancellation));

        await harness.ExecuteAsync(proposal.Id);

        var images = await ImagesAsync();
        Assert.NotNull(images[Digest("index")].GoneAt);
        Assert.NotNull(images[Digest("arm64")].GoneAt);
        var child = images[Digest("amd64")];
        Assert.Equal((null, false, "keep"), (child.GoneAt, child.IsDependent, child.Decision));
    }

    private async Task PinAsync(string digest)
    {
        await using var db = database.Contexts.CreateDbContext();
        var image = await db.Images.SingleAsync(row => row.Digest == digest, Cancellation);
        var repository = await db.Repositories.SingleAsync(row => row.Id == image.RepositoryId, Cancellation);
        db.Pins.Add(new PinRow
        {
            AccountId = repository.AccountId, Region = repository.Region, Repository = repository.Name, Digest = digest, Actor = "ben", Reason = "rollback target",
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(Cancellation);
        await StandingDecisions.RestateAsync(db, repository.Id, DateTimeOffset.UtcNow, Cancellation);
    }

    private async Task<Dictionary<string, ImageRow>> ImagesAsync()
    {
        await using var db = database.Contexts.CreateDbContext();
        return await db.Images.ToDictionaryAsync(image => image.Digest, Cancellation);
    }

    private async Task<RepositoryRow> RepositoryAsync()
    {
        await using var db = database.Contexts.CreateDbContext();
        return await db.Repositories.SingleAsync(Cancellation);
    }

    private async Task<ProposalRow> PendingProposalAsync()
    {
        await using var db = database.Contexts.CreateDbContext();
        return await db.Proposals.SingleAsync(Cancellation);
    }
}
