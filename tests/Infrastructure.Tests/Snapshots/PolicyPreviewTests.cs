using EcrCurator.Domain;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Infrastructure.Tests.Persistence;
using static EcrCurator.Infrastructure.Tests.Execution.ExecutionWorld;

namespace EcrCurator.Infrastructure.Tests.Snapshots;

/// <summary>A policy change previewed on the last snapshot's stored images, before it is saved (issue 20).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class PolicyPreviewTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AWiderWindowKeepsTheCandidatesAndSaysHowManyAndHowManyBytes()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, Create());
        await harness.SnapshotAsync();

        var impact = await PreviewAsync(PolicyOverride.None, new PolicyOverride { WindowDays = 365 });

        Assert.Equal((1, 0, 0L, 2, 2000L), (impact.Repositories, impact.ToDelete, impact.BytesToDelete, impact.ToKeep, impact.BytesToKeep));
        Assert.Equal(3, impact.ImagesDecided);
        Assert.NotNull(impact.SnapshotId);
    }

    [Fact]
    public async Task TheSamePolicyChangesNothing()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, Create());
        await harness.SnapshotAsync();

        var impact = await PreviewAsync(PolicyOverride.None, PolicyOverride.None);

        Assert.Equal((0, 0, 0), (impact.Repositories, impact.ToDelete, impact.ToKeep));
    }

    [Fact]
    public async Task AnImageTheSnapshotFoundInUseStaysKeptUnderAStricterPolicy()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, Create(), ["--Curator:Policy:WindowDays=365"]);
        await harness.ControlAsync("tasks", new { cluster = "prod", task = new { id = "feedbeef", taskDefinition = "web:1", containers = new[] { new { name = "app", image = Reference, imageDigest = Old } } } });
        await harness.SnapshotAsync();

        var impact = await PreviewAsync(new PolicyOverride { WindowDays = 365 }, new PolicyOverride { WindowDays = 30 });

        Assert.Equal((1, 1, 1000L, 0), (impact.Repositories, impact.ToDelete, impact.BytesToDelete, impact.ToKeep)); // Older only: Old runs
    }

    private async Task<PolicyImpact> PreviewAsync(PolicyOverride current, PolicyOverride edited)
    {
        await using var db = database.Contexts.CreateDbContext();
        return await PolicyPreview.CompareAsync(db, new PolicySet(current, [], []), new PolicySet(edited, [], []), DateTimeOffset.UtcNow, Cancellation);
    }
}
