using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Snapshots;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Execution.ExecutionWorld;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Execution;

[Collection(DatabaseCollection.Name)]
public sealed class ExecutionTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task DeletesExactlyTheApprovedImagesAndRecordsEachOutcome()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;

        var executed = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Executed, executed.Status);
        Assert.Equal(2000, executed.DeletedBytes);
        var left = await harness.DigestsAsync();
        Assert.DoesNotContain(Old, left);
        Assert.DoesNotContain(Older, left);
        Assert.Contains(Recent, left);
        Assert.Equal(new Dictionary<string, string> { [Old] = Outcomes.Deleted, [Older] = Outcomes.Deleted }, await ExecutionHarness.OutcomesAsync(database, proposal));
        await using var db = database.Contexts.CreateDbContext();
        var actions = await db.AuditEntries.OrderBy(entry => entry.Id).Select(entry => entry.Action).ToListAsync(Cancellation);
        Assert.True(actions.IndexOf("image.delete-intent") < actions.IndexOf("image.deleted"), string.Join(", ", actions));
        Assert.Equal("execution.finished", actions[^1]);
    }

    [Fact]
    public async Task SkipsACandidateThatATaskStartedRunningAndDeletesTheOthers()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await harness.ControlAsync("tasks", new { cluster = "prod", task = new { id = "feedbeef", taskDefinition = "web:1", containers = new[] { new { name = "app", image = Reference, imageDigest = Old } } } });

        await harness.ExecuteAsync(proposal);

        Assert.Equal(new Dictionary<string, string> { [Old] = Outcomes.SkippedInUse, [Older] = Outcomes.Deleted }, await ExecutionHarness.OutcomesAsync(database, proposal));
        Assert.Contains(Old, await harness.DigestsAsync());
    }

    [Fact]
    public async Task SkipsACandidateThatAServiceWasDeployedWith()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await harness.ControlAsync("services", new { cluster = "prod", service = new { name = "web", deployments = new[] { new { status = "PRIMARY", taskDefinition = "web:1", imageDigests = new[] { Older } } } } }, put: true);

        await harness.ExecuteAsync(proposal);

        var outcomes = await ExecutionHarness.OutcomesAsync(database, proposal);
        Assert.Equal(Outcomes.SkippedInUse, outcomes[Older]);
        Assert.Equal(Outcomes.SkippedInUse, outcomes[Old]); // the deployment's task definition names tag 1, which is Old
    }

    [Fact]
    public async Task SkipsACandidateATagWasMovedOnto()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await harness.ControlAsync("tags", new { repository = RepositoryName, tag = "stable", digest = Old });

        await harness.ExecuteAsync(proposal);

        Assert.Equal(new Dictionary<string, string> { [Old] = Outcomes.SkippedChanged, [Older] = Outcomes.Deleted }, await ExecutionHarness.OutcomesAsync(database, proposal));
    }

    [Fact]
    public async Task SkipsACandidatePinnedAfterTheSnapshot()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await using (var db = database.Contexts.CreateDbContext())
        {
            db.Pins.Add(new PinRow { AccountId = Account, Region = Region, Repository = RepositoryName, Digest = Older, Actor = "bob", Reason = "audit", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Cancellation);
        }

        await harness.ExecuteAsync(proposal);

        Assert.Equal(new Dictionary<string, string> { [Old] = Outcomes.Deleted, [Older] = Outcomes.SkippedPinned }, await ExecutionHarness.OutcomesAsync(database, proposal));
    }

    [Fact]
    public async Task SkipsACandidateThatANewIndexReferencesOrThePolicyNowKeeps()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await harness.ControlAsync("images", new
        {
            repository = RepositoryName,
            image = Image("multi", "multi", "2026-11-25") with { MediaType = "application/vnd.oci.image.index.v1+json", Manifests = [Old], Layers = null },
        });

        await harness.ExecuteAsync(proposal);

        Assert.Equal(new Dictionary<string, string> { [Old] = Outcomes.SkippedKept, [Older] = Outcomes.Deleted }, await ExecutionHarness.OutcomesAsync(database, proposal));
    }

    [Fact]
    public async Task DeletesNothingWhenUsageCannotBeReadCompletely()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await harness.ControlAsync("faults", new { kind = "access-denied", operation = "ecs:ListClusters" });

        var executed = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Failed, executed.Status);
        Assert.Contains("ecs:ListClusters", executed.StatusReason);
        Assert.All((await ExecutionHarness.OutcomesAsync(database, proposal)).Values, outcome => Assert.Equal(Outcomes.SkippedUnverified, outcome));
        Assert.Contains(Old, await harness.DigestsAsync());
    }

    [Fact]
    public async Task RetriesThrottlingAndServerErrorsOnDeleteToSuccess()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await harness.ControlAsync("faults", new { kind = "throttle", operation = "ecr:BatchDeleteImage", count = 1 });
        await harness.ControlAsync("faults", new { kind = "server-error", operation = "ecr:BatchDeleteImage", count = 1 });

        var executed = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Executed, executed.Status);
        Assert.DoesNotContain(Old, await harness.DigestsAsync());
    }

    [Fact]
    public async Task MarksImagesFailedWhenDeletingIsDenied()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await harness.ControlAsync("faults", new { kind = "access-denied", operation = "ecr:BatchDeleteImage" });

        var executed = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.PartiallyExecuted, executed.Status);
        Assert.Contains("ecr:BatchDeleteImage", executed.StatusReason);
        Assert.All((await ExecutionHarness.OutcomesAsync(database, proposal)).Values, outcome => Assert.Equal(Outcomes.Failed, outcome));
    }

    [Fact]
    public async Task DeletesAnIndexBeforeItsChildrenSoThatEcrAcceptsThem()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, MultiArch());
        await using var _ = harness;

        var executed = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Executed, executed.Status);
        Assert.Equal([Digest("recent")], await harness.DigestsAsync());
    }

    [Fact]
    public async Task TheKillSwitchStopsExecutionAndDryRunDeletesNothing()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await using (var db = database.Contexts.CreateDbContext())
        {
            await db.Settings.ExecuteUpdateAsync(setters => setters.SetProperty(settings => settings.KillSwitch, true), Cancellation);
        }

        var refused = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Approved, refused.Status);
        Assert.Empty(await ExecutionHarness.OutcomesAsync(database, proposal));
        await using (var db = database.Contexts.CreateDbContext())
        {
            await db.Settings.ExecuteUpdateAsync(setters => setters.SetProperty(settings => settings.KillSwitch, false).SetProperty(settings => settings.DryRun, true), Cancellation);
        }

        var dry = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Executed, dry.Status);
        Assert.All((await ExecutionHarness.OutcomesAsync(database, proposal)).Values, outcome => Assert.Equal(Outcomes.DryRun, outcome));
        Assert.Contains(Old, await harness.DigestsAsync());
    }

    [Fact]
    public async Task AResumedExecutionKeepsWhatWasRecordedAndFinishesTheRest()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await using (var db = database.Contexts.CreateDbContext())
        {
            // As a process that died after deleting Old and recording it, before Older.
            db.ExecutionOutcomes.Add(new ExecutionOutcomeRow { ProposalId = proposal, Digest = Old, Outcome = Outcomes.Deleted, SizeBytes = 1000, At = DateTimeOffset.UtcNow });
            await db.Proposals.Where(row => row.Id == proposal).ExecuteUpdateAsync(setters => setters.SetProperty(row => row.Status, ProposalStatus.Executing), Cancellation);
            await db.SaveChangesAsync(Cancellation);
        }

        var executed = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Executed, executed.Status);
        Assert.Equal(new Dictionary<string, string> { [Old] = Outcomes.Deleted, [Older] = Outcomes.Deleted }, await ExecutionHarness.OutcomesAsync(database, proposal));
        Assert.Contains(Old, await harness.DigestsAsync()); // recorded as deleted before: not deleted twice
        Assert.DoesNotContain(Older, await harness.DigestsAsync());
    }

    [Fact]
    public async Task WaitsForTheExecutionWindow()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        var now = TimeOnly.FromDateTime(DateTime.UtcNow);
        await using (var db = database.Contexts.CreateDbContext())
        {
            await db.Settings.ExecuteUpdateAsync(
                setters => setters.SetProperty(settings => settings.TimeZone, "UTC")
                    .SetProperty(settings => settings.WindowStart, now.AddHours(2))
                    .SetProperty(settings => settings.WindowEnd, now.AddHours(3)),
                Cancellation);
        }

        var deferred = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Approved, deferred.Status);
        Assert.Contains("outside the execution window", deferred.StatusReason);
        Assert.Empty(await ExecutionHarness.OutcomesAsync(database, proposal));
        Assert.Contains(Old, await harness.DigestsAsync());
    }

    [Fact]
    public async Task RefusesASecondExecutionOfAProposalWhileOneRuns()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        // Unpooled: the lock ends with this session, not with a pooled connection a later test would find it on.
        await using var running = new Npgsql.NpgsqlConnection(database.ConnectionString + ";Pooling=false");
        await running.OpenAsync(Cancellation);
        await using (var hold = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({EcrCurator.Infrastructure.Execution.ExecutionService.LockSpace}, {proposal})", running))
        {
            await hold.ExecuteNonQueryAsync(Cancellation);
        }

        var refused = await Assert.ThrowsAsync<EcrCurator.Infrastructure.Execution.ExecutionRefusedException>(() => harness.ExecuteAsync(proposal));

        Assert.Contains("already being executed", refused.Message);
        Assert.Contains(Old, await harness.DigestsAsync());
    }
}
