using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 3.6: images with a tag matching a kept pattern are always kept.</summary>
public class KeptTagPatternTests
{
    private static InventoryBuilder World() => new InventoryBuilder()
        .Repository("care/api", r => r
            .Image("v9", DaysAgo(0))
            .Image("release-1.0", DaysAgo(300))
            .Image("build-7", DaysAgo(300), i => i.Tagged("build-7", "prod"))
            .Image("Release-0.9", DaysAgo(300))
            .Image("v1", DaysAgo(300)));

    [Fact]
    public void KeepsAnImageWhoseTagMatchesAPattern()
    {
        var plan = World().Evaluate(new PolicyOverride { KeepTagPatterns = [new("release-*")] });

        Assert.Equal("keep: kept-tag-pattern, outside-window", plan.Of("care/api", "release-1.0").Verdict());
        Assert.Equal(["Release-0.9", "build-7", "v1"], plan.Deleted("care/api"));
    }

    [Fact]
    public void KeepsAnImageWhenAnyOfItsTagsMatchesAnyPattern()
    {
        var plan = World().Evaluate(new PolicyOverride { KeepTagPatterns = [new("release-*"), new("p?od")] });

        Assert.Equal("keep: kept-tag-pattern, outside-window", plan.Of("care/api", "build-7").Verdict());
        Assert.Equal(["Release-0.9", "v1"], plan.Deleted("care/api"));
    }

    [Fact]
    public void ListsTheReasonOnImagesInsideTheWindowToo()
    {
        var plan = World().Evaluate(new PolicyOverride { KeepTagPatterns = [new("v*")] });

        Assert.Equal("keep: in-window, kept-tag-pattern", plan.Of("care/api", "v9").Verdict());
    }

    [Fact]
    public void KeepsNothingExtraWithoutPatterns()
    {
        var plan = World().Evaluate();

        Assert.Equal(["Release-0.9", "build-7", "release-1.0", "v1"], plan.Deleted("care/api"));
    }
}
