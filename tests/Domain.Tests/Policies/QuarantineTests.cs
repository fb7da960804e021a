using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 3 and 4: a Quarantine policy archives its candidates; after QuarantineDays what is still archived and unused goes.</summary>
public class QuarantineTests
{
    private static readonly PolicyOverride Quarantine = new() { Action = RetentionAction.Quarantine };

    [Fact]
    public void ArchivesAnActiveCandidateInsteadOfDeletingIt()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40)))
            .Evaluate(Quarantine);

        var v1 = plan.Of("care/api", "v1");
        Assert.Equal("delete: outside-window", v1.Verdict());
        Assert.Equal(RetentionAction.Quarantine, v1.Action);
    }

    [Fact]
    public void DeletesTheCandidatesOfADeletePolicy()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40)).Image("v0", DaysAgo(50), i => i.Archived()))
            .Evaluate();

        Assert.Equal(["v0", "v1"], plan.Deleted("care/api"));
        Assert.All(plan.Repository("care/api").Candidates, candidate => Assert.Equal(RetentionAction.Delete, candidate.Action));
    }

    [Fact]
    public void KeepsAnImageThatIsArchivedOrBeingRestoredAlreadyAndWhatHangsOnIt()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Image("v1", DaysAgo(40), i => i.Archived(DaysAgo(35)).Index("v1-amd64"))
                .Untagged("v1-amd64", DaysAgo(40))
                .Image("v0", DaysAgo(50), i => i.Activating()))
            .Evaluate(Quarantine);

        Assert.Equal("keep: outside-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal("keep: index-child, outside-window, untagged", plan.Of("care/api", "v1-amd64").Verdict());
        Assert.Equal("keep: outside-window", plan.Of("care/api", "v0").Verdict());
        Assert.Empty(plan.Deleted("care/api"));
    }

    [Fact]
    public void DeletesWhatTheProductQuarantinedOnceTheQuarantineIsOver()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(140), i => i.Archived(DaysAgo(90))))
            .Quarantined("care/api", "v1", DaysAgo(90))
            .Evaluate(Quarantine);

        var v1 = plan.Of("care/api", "v1");
        Assert.Equal("delete: outside-window, quarantine-expired", v1.Verdict());
        Assert.Equal(RetentionAction.Delete, v1.Action);
    }

    [Fact]
    public void WaitsForThePolicysQuarantineDays()
    {
        var world = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(80), i => i.Archived(DaysAgo(40))))
            .Quarantined("care/api", "v1", DaysAgo(40));

        Assert.Equal("keep: outside-window", world.Evaluate(Quarantine).Of("care/api", "v1").Verdict());
        Assert.Equal("delete: outside-window, quarantine-expired", world.Evaluate(Quarantine with { QuarantineDays = 40 }).Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void RanksAnExpiredQuarantineWithOutsideWindowSoThatAQuarantinedImageInTheWindowGoesToo()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(100)).Image("v1", DaysAgo(110), i => i.Archived(DaysAgo(95))))
            .Quarantined("care/api", "v1", DaysAgo(95))
            .Evaluate(Quarantine);

        Assert.Equal("delete: in-window, quarantine-expired", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void EveryKeepReasonStillWinsOverAnExpiredQuarantine()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v3", DaysAgo(0))
                .Image("v2", DaysAgo(140), i => i.Archived(DaysAgo(100)))
                .Image("v1", DaysAgo(140), i => i.Archived(DaysAgo(100))))
            .Quarantined("care/api", "v2", DaysAgo(100))
            .Quarantined("care/api", "v1", DaysAgo(100))
            .Task("care/api:v2")
            .Pin("care/api", "v1")
            .Evaluate(Quarantine);

        Assert.Equal("keep: in-use, outside-window, quarantine-expired", plan.Of("care/api", "v2").Verdict());
        Assert.Equal("keep: outside-window, pinned, quarantine-expired", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void AnImageRestoredOrPushedAgainSinceItsQuarantineIsNotDeleted()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v3", DaysAgo(0))
                .Image("restored", DaysAgo(140), i => i.Restored(DaysAgo(50), archived: DaysAgo(100)))
                .Image("archived-again", DaysAgo(140), i => i.Restored(DaysAgo(50)).Archived(DaysAgo(10))))
            .Quarantined("care/api", "restored", DaysAgo(100))
            .Quarantined("care/api", "archived-again", DaysAgo(100))
            .Evaluate(Quarantine);

        Assert.DoesNotContain("quarantine-expired", plan.Of("care/api", "restored").ReasonCodes);
        Assert.Equal(RetentionAction.Quarantine, plan.Of("care/api", "restored").Action);
        Assert.Equal("keep: outside-window", plan.Of("care/api", "archived-again").Verdict());
    }

    [Fact]
    public void AnImageArchivedByOthersIsNeverQuarantineExpired()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(400), i => i.Archived(DaysAgo(300))))
            .Evaluate(Quarantine);

        Assert.Equal("keep: outside-window", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void ArchivingFreesNoBytesButIsCountedApart()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0), i => i.Size(100).Layers(("base", 80), ("app-2", 20)))
                .Image("v1", DaysAgo(40), i => i.Size(90).Layers(("base", 80), ("app-1", 10)))
                .Image("v0", DaysAgo(140), i => i.Size(85).Layers(("base", 80), ("app-0", 5)).Archived(DaysAgo(95))))
            .Quarantined("care/api", "v0", DaysAgo(95))
            .Evaluate(Quarantine);

        var bytes = plan.Repository("care/api").Bytes;
        Assert.Equal(new StorageFigures(275, 175, 5) { QuarantineBytes = 90 }, bytes);
    }
}
