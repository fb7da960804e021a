using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Persistence;
using static EcrCurator.Infrastructure.Tests.Execution.ExecutionWorld;

namespace EcrCurator.Infrastructure.Tests.Execution;

/// <summary>The live re-check before deleting reads Lambda too (SPEC 3.2, 4), and fails closed like ECS.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class LambdaReCheckTests(TestDatabase database) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SkipsACandidateThatALambdaVersionPublishedSinceTheSnapshotRuns()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        var function = Snapshots.LambdaSnapshotTests.Worker(Older);
        await harness.ControlAsync("lambda-functions", new { function }, put: true);

        await harness.ExecuteAsync(proposal);

        Assert.Equal(new Dictionary<string, string> { [Old] = Outcomes.Deleted, [Older] = Outcomes.SkippedInUse }, await ExecutionHarness.OutcomesAsync(database, proposal));
        Assert.Contains(Older, await harness.DigestsAsync());
    }

    [Fact]
    public async Task DeletesNothingWhenLambdaCannotBeReadBeforeDeleting()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await harness.ControlAsync("faults", new { kind = "access-denied", operation = "lambda:ListFunctions" });

        var executed = await harness.ExecuteAsync(proposal);

        Assert.Equal(ProposalStatus.Failed, executed.Status);
        Assert.Contains("lambda:ListFunctions", executed.StatusReason);
        Assert.All((await ExecutionHarness.OutcomesAsync(database, proposal)).Values, outcome => Assert.Equal(Outcomes.SkippedUnverified, outcome));
        Assert.Contains(Old, await harness.DigestsAsync());
    }

    [Fact]
    public async Task ReadsNoAliasesBeforeABatchSinceTheyNeverDecideAndListAliasesAtFifteenASecondWouldAgeTheRead()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, Create());
        await using var _ = harness;
        await harness.ControlAsync("lambda-functions", new { function = Snapshots.LambdaSnapshotTests.Worker(Older) }, put: true);
        await harness.ControlAsync("faults", new { kind = "access-denied", operation = "lambda:ListAliases" });

        await harness.ExecuteAsync(proposal);

        Assert.Equal(new Dictionary<string, string> { [Old] = Outcomes.Deleted, [Older] = Outcomes.SkippedInUse }, await ExecutionHarness.OutcomesAsync(database, proposal));
    }
}
