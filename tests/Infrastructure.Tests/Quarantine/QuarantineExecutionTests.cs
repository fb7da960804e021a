using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Execution;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Snapshots;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Quarantine.QuarantineWorld;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Quarantine;

/// <summary>SPEC 4: under a Quarantine policy an approved candidate is archived instead of deleted, with the same re-check.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class QuarantineExecutionTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ArchivesExactlyTheApprovedImagesAndLeavesWhatHangsOnKeptImagesUntouched()
    {
        var x = Digest("x");
        var y = Digest("y");
        var index = Digest("index");
        var multi = Digest("multi");
        var world = Of(
        [
            .. Signed("x", "x1"), .. Signed("y", "y1")[..2], .. MultiArch("index", "multi", "amd64", "arm64"), .. MultiArch("multi", "m1", "m-amd64"),
            Image("z", "z1", "2026-05-01"), Image("recent", "r", "2026-11-20"),
        ]);
        await using var harness = await SnapshotHarness.StartAsync(database, world, QuarantineSettings);
        var proposal = await ApproveAsync(harness, [x, index]);
        await harness.ControlAsync("tags", new { repository = Name, tag = "hotfix", digest = y });

        var executed = await harness.ExecuteAsync(proposal);

        Assert.Equal(
            new Dictionary<string, string>
            {
                [x] = Outcomes.Excluded,
                [index] = Outcomes.Excluded,
                [Digest("x-sig")] = Outcomes.SkippedKept,
                [Digest("x-sbom")] = Outcomes.SkippedKept,
                [Digest("amd64")] = Outcomes.SkippedKept,
                [Digest("arm64")] = Outcomes.SkippedKept,
                [y] = Outcomes.SkippedChanged,
                [Digest("y-sig")] = Outcomes.SkippedKept,
                [Digest("z")] = Outcomes.Archived,
                [multi] = Outcomes.Archived,
                [Digest("m-amd64")] = Outcomes.Archived,
            },
            await ExecutionHarness.OutcomesAsync(database, proposal));
        Assert.Equal(ProposalStatus.PartiallyExecuted, executed.Status);
        Assert.Equal((0, 3000), (executed.DeletedBytes, executed.ArchivedBytes));
        var images = await harness.ImagesAsync();
        Assert.Equal(12, images.Count);
        Assert.Equal(
            new[] { Digest("m-amd64"), multi, Digest("z") }.Order(),
            images.Values.Where(image => image.ImageStatus == "ARCHIVED").Select(image => image.Digest).Order());
        await using var db = database.Contexts.CreateDbContext();
        var quarantined = await db.Quarantines.AsNoTracking().ToListAsync(Cancellation);
        Assert.Equal(new[] { Digest("m-amd64"), multi, Digest("z") }.Order(), quarantined.Select(row => row.Digest).Order());
        Assert.All(quarantined, row => Assert.Equal(("alice", proposal, Name), (row.ArchivedBy, row.ProposalId, row.Repository)));
        var actions = await db.AuditEntries.OrderBy(entry => entry.Id).Select(entry => entry.Action).ToListAsync(Cancellation);
        Assert.True(actions.IndexOf("image.archive-intent") < actions.IndexOf("image.archived"), string.Join(", ", actions));
        Assert.DoesNotContain("image.delete-intent", actions);
    }

    [Fact]
    public async Task ArchivesTheChildrenOfAnIndexBeforeTheIndexSoThatTheReCheckHoldsNothingBack()
    {
        var world = Of(
        [
            .. MultiArch("index", "v1", "amd64"),
            Image("amd64-sig", "unused", "2026-05-01") with { Tags = [], Subject = Digest("amd64"), ArtifactMediaType = "application/spdx+json" },
            Image("recent", "r", "2026-11-20"),
        ]);
        await using var harness = await SnapshotHarness.StartAsync(database, world, QuarantineSettings);
        var proposal = await ApproveAsync(harness, []);

        var executed = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Executed, executed.Status);
        Assert.All((await ExecutionHarness.OutcomesAsync(database, proposal)).Values, outcome => Assert.Equal(Outcomes.Archived, outcome));
        await using var db = database.Contexts.CreateDbContext();
        var archived = await db.AuditEntries.Where(entry => entry.Action == "image.archived").OrderBy(entry => entry.Id).Select(entry => entry.Target).ToListAsync(Cancellation);
        Assert.Equal([$"{Key}@{Digest("amd64-sig")}", $"{Key}@{Digest("amd64")}", $"{Key}@{Digest("index")}"], archived);
    }

    [Fact]
    public async Task ADryRunGoesThroughEverythingButTheArchiveCalls()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, Of(Image("old", "1", "2026-05-01"), Image("recent", "2", "2026-11-20")), QuarantineSettings);
        var proposal = await ApproveAsync(harness, []);
        await using (var db = database.Contexts.CreateDbContext())
        {
            await db.Settings.ExecuteUpdateAsync(setters => setters.SetProperty(settings => settings.DryRun, true), Cancellation);
        }

        await harness.ExecuteAsync(proposal);

        Assert.Equal(Outcomes.DryRun, (await ExecutionHarness.OutcomesAsync(database, proposal))[Digest("old")]);
        Assert.Equal("ACTIVE", (await harness.ImagesAsync()).StatusOf("old"));
        await using var check = database.Contexts.CreateDbContext();
        Assert.Empty(await check.Quarantines.ToListAsync(Cancellation));
    }

    [Fact]
    public async Task ACandidateArchivedMeanwhileNeedsNothingMoreAndIsRecordedQuarantined()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, Of(Image("old", "1", "2026-05-01"), Image("recent", "2", "2026-11-20")), QuarantineSettings);
        var proposal = await ApproveAsync(harness, []);
        await harness.ControlAsync("images", new { repository = Name, image = Image("old", "1", "2026-05-01") with { ImageStatus = "ARCHIVED" } });

        var executed = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Executed, executed.Status);
        Assert.Equal(Outcomes.Archived, (await ExecutionHarness.OutcomesAsync(database, proposal))[Digest("old")]);
        await using var db = database.Contexts.CreateDbContext();
        Assert.Equal(Digest("old"), (await db.Quarantines.SingleAsync(Cancellation)).Digest);
    }

    private async Task<long> ApproveAsync(SnapshotHarness harness, IReadOnlyCollection<string> excluded)
    {
        await harness.SnapshotAsync();
        await using var db = database.Contexts.CreateDbContext();
        var proposal = await db.Proposals.Include(row => row.Candidates).SingleAsync(row => row.Status == ProposalStatus.Pending, Cancellation);
        Assert.All(proposal.Candidates, candidate => Assert.Equal(CandidateActions.Quarantine, candidate.Action));
        Assert.True(await harness.Service<ApprovalService>().ApproveAsync(proposal.Id, "alice", null, excluded, Cancellation));
        return proposal.Id;
    }
}
