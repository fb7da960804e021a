using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>SPEC 5 and 8: image bytes, candidate bytes, and the bytes actually freed.</summary>
public class StorageFiguresTests
{
    [Fact]
    public void AddsEveryImageSizeKeptOrDeletedIntoImageBytes()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0), i => i.Size(100).Index("amd64"))
                .Untagged("amd64", DaysAgo(0), i => i.Size(100))
                .Image("v1", DaysAgo(40), i => i.Size(30))
                .Image("archived", DaysAgo(50), i => i.Size(7).Archived()))
            .Evaluate();

        Assert.Equal(237, plan.Repository("care/api").Bytes.ImageBytes);
    }

    [Fact]
    public void AddsTheCandidatesSizesIntoCandidateBytesAsTheConsoleDoes()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0), i => i.Size(100).Layers(("base", 80), ("app-2", 20)))
                .Image("v1", DaysAgo(40), i => i.Size(90).Layers(("base", 80), ("app-1", 10)))
                .Image("v0", DaysAgo(50), i => i.Size(85).Layers(("base", 80), ("app-0", 5))))
            .Evaluate();

        Assert.Equal(new StorageFigures(275, 175, 15), plan.Repository("care/api").Bytes);
    }

    [Fact]
    public void CountsALayerSharedByCandidatesOnceAndNothingForALayerAKeptImageShares()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0), i => i.Size(110).Layers(("os", 100), ("app-2", 10)))
                .Image("v1", DaysAgo(40), i => i.Size(260).Layers(("os", 100), ("runtime", 150), ("app-1", 10)))
                .Image("v0", DaysAgo(50), i => i.Size(260).Layers(("os", 100), ("runtime", 150), ("app-0", 10))))
            .Evaluate();

        Assert.Equal(new StorageFigures(630, 520, 170), plan.Repository("care/api").Bytes);
    }

    [Fact]
    public void CountsLayersOncePerRepositoryNotAcrossRepositories()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("api-v2", DaysAgo(0), i => i.Size(1)).Image("api-v1", DaysAgo(40), i => i.Size(100).Layers(("os", 100))))
            .Repository("care/web", r => r.Image("web-v1", DaysAgo(0), i => i.Size(100).Layers(("os", 100))))
            .Evaluate();

        Assert.Equal(100, plan.Repository("care/api").Bytes.ReclaimableBytes);
    }

    [Fact]
    public void CountsAnImageWithoutLayerInformationAsOneLayerOfItsOwnSize()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0), i => i.Size(50)).Image("v1", DaysAgo(40), i => i.Size(70)).Untagged("old", DaysAgo(40), i => i.Size(30)))
            .Evaluate();

        Assert.Equal(new StorageFigures(150, 100, 100), plan.Repository("care/api").Bytes);
    }

    [Fact]
    public void CountsTheSizeOfADeletedIndexAsACandidateButFreesOnlyItsChildren()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0), i => i.Size(10))
                .Image("v1", DaysAgo(40), i => i.Size(300).Index("amd64", "arm64"))
                .Untagged("amd64", DaysAgo(40), i => i.Size(300))
                .Untagged("arm64", DaysAgo(40), i => i.Size(200).Layers(("arm-os", 150), ("arm-app", 50))))
            .Evaluate();

        Assert.Equal(new StorageFigures(810, 800, 500), plan.Repository("care/api").Bytes);
    }

    [Fact]
    public void FreesNothingForTheLayersOfAChildKeptByAnIndex()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v1", DaysAgo(0), i => i.Size(100).Index("amd64"))
                .Untagged("amd64", DaysAgo(0), i => i.Size(100).Layers(("os", 90), ("app", 10)))
                .Untagged("rebuild", DaysAgo(1), i => i.Size(100).Layers(("os", 90), ("app-rebuilt", 10))))
            .Evaluate();

        Assert.Equal(new StorageFigures(300, 100, 10), plan.Repository("care/api").Bytes);
    }
}
