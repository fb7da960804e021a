using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>SPEC 3.7: if any usage source cannot be read completely, nothing is proposed for deletion.</summary>
public class FailClosedTests
{
    private static InventoryBuilder World() => new InventoryBuilder()
        .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Untagged("build", DaysAgo(1)).Image("v1", DaysAgo(40), i => i.Size(500)))
        .Repository("care/web", r => r.Image("web-v2", DaysAgo(0)).Image("web-v1", DaysAgo(40)), account: Ecr.OtherAccount);

    [Fact]
    public void ProposesNoDeletionInAnyRepositoryWhenUsageIsIncomplete()
    {
        var plan = World().Incomplete("222222222222/ap-northeast-1: AccessDeniedException").Evaluate();

        Assert.False(plan.IsComplete);
        Assert.All(plan.Repositories, repository => Assert.Empty(repository.Candidates));
    }

    [Fact]
    public void StillListsEveryReasonOfAnIncompletePlanAndMarksWhatItKeepsOnlyForTheUnreadUsageUnverified()
    {
        var plan = World().Incomplete("throttled").Evaluate();

        Assert.Equal("keep: in-window, untagged, unverified", plan.Of("care/api", "build").Verdict());
        Assert.Equal("keep: outside-window, unverified", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void DoesNotMarkAnImageUnverifiedThatItKeepsForAReasonOfItsOwn()
    {
        var plan = World().Incomplete("throttled").Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "v2").Verdict());
        Assert.Equal("keep: in-window", plan.Of("care/web", "web-v2", account: Ecr.OtherAccount).Verdict());
    }

    [Fact]
    public void ReportsNoCandidateOrReclaimableBytesButStillTheImageBytes()
    {
        var plan = World().Incomplete("throttled").Evaluate();

        Assert.Equal(new StorageFigures(2_500, 0, 0), plan.Repository("care/api").Bytes);
    }

    [Fact]
    public void NamesEveryFailedUsageSource()
    {
        var plan = World().Incomplete("222222222222/ap-northeast-1: AccessDenied").Incomplete("333333333333/us-east-1: Throttling").Evaluate();

        Assert.Equal(["222222222222/ap-northeast-1: AccessDenied", "333333333333/us-east-1: Throttling"], plan.IncompleteReasons);
    }

    [Fact]
    public void ProposesTheSameWorldsDeletionsWhenUsageIsComplete()
    {
        var plan = World().Evaluate();

        Assert.True(plan.IsComplete);
        Assert.Equal(["build", "v1"], plan.Deleted("care/api"));
        Assert.Equal(["web-v1"], plan.Deleted("care/web", account: Ecr.OtherAccount));
    }
}
