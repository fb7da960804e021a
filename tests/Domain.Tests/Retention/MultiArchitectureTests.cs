using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>SPEC 3.4: a kept index keeps its children; otherwise a child follows its own rules.</summary>
public class MultiArchitectureTests
{
    [Fact]
    public void KeepsTheUntaggedChildrenOfAKeptIndex()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v1", DaysAgo(1), i => i.Index("v1-amd64", "v1-arm64"))
                .Untagged("v1-amd64", DaysAgo(1))
                .Untagged("v1-arm64", DaysAgo(1)))
            .Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal("keep: in-window, index-child, untagged", plan.Of("care/api", "v1-amd64").Verdict());
        Assert.Equal("keep: in-window, index-child, untagged", plan.Of("care/api", "v1-arm64").Verdict());
    }

    [Fact]
    public void DeletesTheUntaggedChildrenWithTheirDeletedIndex()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Image("v1", DaysAgo(40), i => i.Index("v1-amd64", "v1-arm64"))
                .Untagged("v1-amd64", DaysAgo(40))
                .Untagged("v1-arm64", DaysAgo(40)))
            .Evaluate();

        Assert.Equal(["v1", "v1-amd64", "v1-arm64"], plan.Deleted("care/api"));
        Assert.Equal("delete: outside-window, untagged", plan.Of("care/api", "v1-amd64").Verdict());
    }

    [Fact]
    public void KeepsTheChildrenOfAnUntaggedIndexATaskRuns()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Untagged("index", DaysAgo(40), i => i.Index("amd64"))
                .Untagged("amd64", DaysAgo(40)))
            .Task("care/api:v2", runs: "index")
            .Evaluate();

        Assert.Equal("keep: in-use, outside-window, untagged", plan.Of("care/api", "index").Verdict());
        Assert.Equal("keep: index-child, outside-window, untagged", plan.Of("care/api", "amd64").Verdict());
    }

    [Fact]
    public void KeepsAChildSharedByAKeptAndADeletedIndex()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0), i => i.Index("shared", "v2-arm64"))
                .Image("v1", DaysAgo(40), i => i.Index("shared", "v1-arm64"))
                .Untagged("shared", DaysAgo(40))
                .Untagged("v2-arm64", DaysAgo(0))
                .Untagged("v1-arm64", DaysAgo(40)))
            .Evaluate();

        Assert.Equal("keep: index-child, outside-window, untagged", plan.Of("care/api", "shared").Verdict());
        Assert.Equal(["v1", "v1-arm64"], plan.Deleted("care/api"));
    }

    [Fact]
    public void KeepsEveryLevelOfANestedKeptIndex()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v1", DaysAgo(0), i => i.Index("linux"))
                .Untagged("linux", DaysAgo(0), i => i.Index("amd64", "arm64"))
                .Untagged("amd64", DaysAgo(50))
                .Untagged("arm64", DaysAgo(50)))
            .Evaluate();

        Assert.Empty(plan.Deleted("care/api"));
        Assert.Equal("keep: index-child, outside-window, untagged", plan.Of("care/api", "arm64").Verdict());
    }

    [Fact]
    public void DeletesEveryLevelOfANestedDeletedIndex()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Image("v1", DaysAgo(40), i => i.Index("linux"))
                .Untagged("linux", DaysAgo(40), i => i.Index("amd64"))
                .Untagged("amd64", DaysAgo(40)))
            .Evaluate();

        Assert.Equal(["amd64", "linux", "v1"], plan.Deleted("care/api"));
    }

    [Fact]
    public void DecidesTheChildOfADeletedIndexByItsOwnRulesWithoutIndexChild()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Image("v1", DaysAgo(40), i => i.Index("amd64", "arm64"))
                .Image("amd64", DaysAgo(10))
                .Untagged("arm64", DaysAgo(40)))
            .Task("care/api:v2", runs: "arm64")
            .Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "amd64").Verdict());
        Assert.Equal("keep: in-use, outside-window, untagged", plan.Of("care/api", "arm64").Verdict());
        Assert.Equal(["v1"], plan.Deleted("care/api"));
    }

    [Fact]
    public void IgnoresAManifestThatIsNotInTheRepository()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v1", DaysAgo(0), i => i.Index("elsewhere", "amd64")).Untagged("amd64", DaysAgo(0)))
            .Evaluate();

        Assert.Equal("keep: in-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal("keep: in-window, index-child, untagged", plan.Of("care/api", "amd64").Verdict());
    }
}
