using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Snapshots;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Execution;

/// <summary>SPEC 4's re-check: what stays keeps what hangs on it, every batch is checked again, the registry's own account-region is read.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ExecutionRecheckTests(TestDatabase database) : IAsyncLifetime
{
    private const string Name = "shop/api";
    private const string IndexMediaType = "application/vnd.oci.image.index.v1+json";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task KeepsWhatHangsOnExcludedAndSkippedImagesAndNeverSendsItToAws()
    {
        var x = Digest("x");
        var y = Digest("y");
        var index = Digest("index");
        var world = World(
            Image("x", "x1", "2026-05-01"),
            Image("x-sig", SignatureTag(x), "2026-05-01"),
            Image("x-sbom", "unused", "2026-05-01") with { Tags = [], Subject = x, ArtifactMediaType = "application/spdx+json" },
            Image("y", "y1", "2026-05-01"),
            Image("y-sig", SignatureTag(y), "2026-05-01"),
            Image("amd64", "unused", "2026-05-01") with { Tags = [] },
            Image("arm64", "unused", "2026-05-01") with { Tags = [] },
            Image("index", "multi", "2026-05-01") with { MediaType = IndexMediaType, Manifests = [Digest("amd64"), Digest("arm64")], Layers = null },
            Image("z", "z1", "2026-05-01"),
            Image("recent", "r", "2026-11-20"));
        await using var harness = await SnapshotHarness.StartAsync(database, world);
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
                [Digest("z")] = Outcomes.Deleted,
            },
            await ExecutionHarness.OutcomesAsync(database, proposal));
        Assert.Equal(ProposalStatus.PartiallyExecuted, executed.Status);
        var left = await harness.DigestsAsync();
        Assert.DoesNotContain(Digest("z"), left);
        Assert.Equal(10 - 1, left.Count);
    }

    [Fact]
    public async Task ReadsTheRepositoryAgainBeforeEveryBatch()
    {
        var (harness, proposal, second) = await ManyCandidatesApprovedAsync([]);
        await using var _ = harness;
        await harness.ControlAsync("faults", new { kind = "latency", operation = "ecr:BatchDeleteImage", latencyMs = 3000, count = 1 });

        var execution = harness.ExecuteAsync(proposal);
        await FirstBatchSentAsync(proposal);
        await harness.ControlAsync("tags", new { repository = Name, tag = "hotfix", digest = second });
        await harness.ControlAsync("tasks", new { cluster = "prod", task = new { id = "cafe01", taskDefinition = "api:1", containers = new[] { new { name = "app", image = Reference(second), imageDigest = second } } } });
        await execution;

        var outcomes = await ExecutionHarness.OutcomesAsync(database, proposal);
        Assert.Equal(Outcomes.SkippedChanged, outcomes[second]);
        Assert.Contains(second, await harness.DigestsAsync());
        Assert.Equal(149, outcomes.Values.Count(outcome => outcome == Outcomes.Deleted));
    }

    [Fact]
    public async Task ReadsUsageAgainWhenTheLastReadIsOlderThanTheLimit()
    {
        var (harness, proposal, second) = await ManyCandidatesApprovedAsync(["--Curator:Execution:MaxUsageAgeSeconds=1"]);
        await using var _ = harness;
        await harness.ControlAsync("faults", new { kind = "latency", operation = "ecr:BatchDeleteImage", latencyMs = 2500, count = 1 });

        var execution = harness.ExecuteAsync(proposal);
        await FirstBatchSentAsync(proposal);
        await harness.ControlAsync("tasks", new { cluster = "prod", task = new { id = "cafe02", taskDefinition = "api:1", containers = new[] { new { name = "app", image = Reference(second), imageDigest = second } } } });
        await execution;

        Assert.Equal(Outcomes.SkippedInUse, (await ExecutionHarness.OutcomesAsync(database, proposal))[second]);
        Assert.Contains(second, await harness.DigestsAsync());
    }

    [Fact]
    public async Task SkipsWhatIsLeftWhenUsageReadsKeepTakingLongerThanTheLimit()
    {
        var (harness, proposal, _) = await ManyCandidatesApprovedAsync(["--Curator:Execution:MaxUsageAgeSeconds=1"]);
        await using var _ = harness;
        await harness.ControlAsync("faults", new { kind = "latency", operation = "ecs:ListClusters", latencyMs = 1200 });

        var executed = await harness.ExecuteAsync(proposal);

        var outcomes = await ExecutionHarness.OutcomesAsync(database, proposal);
        Assert.All(outcomes.Values, outcome => Assert.Equal(Outcomes.SkippedUnverified, outcome));
        Assert.Equal(ProposalStatus.Failed, executed.Status);
        Assert.Contains("Curator:Execution:MaxUsageAgeSeconds", executed.StatusReason);
        Assert.Equal(151, (await harness.DigestsAsync()).Count);
    }

    [Fact]
    public async Task DeletesNothingOfARegistryThatIsNoLongerCurated()
    {
        var world = World(Image("old", "1", "2026-05-01"), Image("recent", "2", "2026-11-20"));
        long proposal;
        await using (var before = await SnapshotHarness.StartAsync(database, world))
        {
            proposal = await ApproveAsync(before, []);
        }

        await using var harness = await SnapshotHarness.StartAsync(database, world, ["--Curator:Registries:0:Region=us-east-1"]);

        var executed = await harness.ExecuteAsync(proposal);

        var outcome = Assert.Single((await ExecutionHarness.OutcomesAsync(database, proposal)).Values);
        Assert.Equal(Outcomes.SkippedUnverified, outcome);
        Assert.Equal(ProposalStatus.Failed, executed.Status);
        Assert.Contains("no longer curated", executed.StatusReason);
        Assert.Contains(Digest("old"), await harness.DigestsAsync());
    }

    [Fact]
    public async Task ATransientErrorIsAuditedAndLeavesTheExecutionApprovedAndResumable()
    {
        var world = World(Image("old", "1", "2026-05-01"), Image("older", "0", "2026-04-01"), Image("recent", "2", "2026-11-20"));
        await using var harness = await SnapshotHarness.StartAsync(database, world);
        var proposal = await ApproveAsync(harness, []);
        await harness.ControlAsync("faults", new { kind = "server-error", operation = "ecr:BatchDeleteImage" });

        await Assert.ThrowsAsync<EcrCurator.Infrastructure.Aws.AwsException>(() => harness.ExecuteAsync(proposal));

        await using (var db = database.Contexts.CreateDbContext())
        {
            var interrupted = await db.Proposals.SingleAsync(row => row.Id == proposal, Cancellation);
            Assert.Equal(ProposalStatus.Approved, interrupted.Status);
            Assert.StartsWith("Interrupted:", interrupted.StatusReason);
            Assert.Empty(await db.ExecutionOutcomes.Where(row => row.ProposalId == proposal).ToListAsync(Cancellation));
            var failure = await db.AuditEntries.SingleAsync(entry => entry.Action == "execution.failed", Cancellation);
            Assert.Contains("\"resumable\": true", failure.Details);
        }

        await harness.Control.DeleteAsync("faults", Cancellation);
        var resumed = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Executed, resumed.Status);
        Assert.Equal([Digest("recent")], await harness.DigestsAsync());
    }

    [Fact]
    public async Task AnErrorThatIsNotTransientEndsTheProposalFailedWithTheReason()
    {
        var world = World(Image("old", "1", "2026-05-01"), Image("recent", "2", "2026-11-20"));
        await using var harness = await SnapshotHarness.StartAsync(database, world);
        var proposal = await ApproveAsync(harness, []);
        await using (var db = database.Contexts.CreateDbContext())
        {
            await db.Settings.ExecuteDeleteAsync(Cancellation); // the settings the guards are read from are gone
        }

        var failed = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Failed, failed.Status);
        Assert.StartsWith("The execution failed:", failed.StatusReason);
        await using var check = database.Contexts.CreateDbContext();
        var failure = await check.AuditEntries.SingleAsync(entry => entry.Action == "execution.failed", Cancellation);
        Assert.Contains("\"resumable\": false", failure.Details);
        Assert.Contains(Digest("old"), await harness.DigestsAsync());
    }

    /// <summary>151 images: 150 old candidates (two batches) and a recent one; the second batch's first candidate.</summary>
    private async Task<(SnapshotHarness Harness, long Proposal, string Second)> ManyCandidatesApprovedAsync(string[] configuration)
    {
        var images = Enumerable.Range(0, 150).Select(i => Image($"old-{i:D3}", $"v{i}", "2026-05-01")).Append(Image("recent", "r", "2026-11-20"));
        var harness = await SnapshotHarness.StartAsync(database, World([.. images]), configuration);
        var proposal = await ApproveAsync(harness, []);
        var second = Enumerable.Range(0, 150).Select(i => Digest($"old-{i:D3}")).Order(StringComparer.Ordinal).ElementAt(DeletionOrder.BatchLimit);
        return (harness, proposal, second);
    }

    private async Task<long> ApproveAsync(SnapshotHarness harness, IReadOnlyCollection<string> excluded)
    {
        await harness.SnapshotAsync();
        await using var db = database.Contexts.CreateDbContext();
        var proposal = await db.Proposals.SingleAsync(Cancellation);
        Assert.True(await harness.Service<ApprovalService>().ApproveAsync(proposal.Id, "alice", null, excluded, Cancellation));
        return proposal.Id;
    }

    /// <summary>Waits until the first batch's intents are written: its BatchDeleteImage call is then under way.</summary>
    private async Task FirstBatchSentAsync(long proposal)
    {
        for (var waited = 0; waited < 300; waited++)
        {
            await using var db = database.Contexts.CreateDbContext();
            if (await db.AuditEntries.CountAsync(entry => entry.Action == "image.delete-intent", Cancellation) >= DeletionOrder.BatchLimit)
            {
                await Task.Delay(200, Cancellation);
                return;
            }

            await Task.Delay(50, Cancellation);
        }

        throw new TimeoutException($"Proposal {proposal}'s first batch was never sent.");
    }

    private static World World(params WorldImage[] images) => new()
    {
        Accounts =
        [
            new WorldAccount
            {
                AccountId = Account,
                Region = Region,
                Repositories = [Repository(Name, images)],
                TaskDefinitions = [new WorldTaskDefinition { Family = "api", Revision = 1, Containers = [new WorldContainerDefinition("app", $"{Account}.dkr.ecr.{Region}.amazonaws.com/{Name}:r")] }],
            },
        ],
    };

    private static string Reference(string digest) => $"{Account}.dkr.ecr.{Region}.amazonaws.com/{Name}@{digest}";

    private static string SignatureTag(string digest) => digest.Replace(':', '-') + ".sig";
}
