using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>SPEC 8: every image once; repositories by account, region, name; images newest push first.</summary>
public class PlanOrderingTests
{
    [Fact]
    public void OrdersRepositoriesByAccountThenRegionThenName()
    {
        var plan = new InventoryBuilder()
            .Repository("web", r => r.Image("a", DaysAgo(0)), Ecr.OtherAccount, "ap-northeast-1")
            .Repository("care/web", r => r.Image("b", DaysAgo(0)), Ecr.Account, "us-east-1")
            .Repository("care/web", r => r.Image("c", DaysAgo(0)))
            .Repository("Care/api", r => r.Image("d", DaysAgo(0)))
            .Repository("care/api", r => r.Image("e", DaysAgo(0)))
            .Evaluate();

        Assert.Equal(
            ["111111111111/ap-northeast-1/Care/api", "111111111111/ap-northeast-1/care/api", "111111111111/ap-northeast-1/care/web",
             "111111111111/us-east-1/care/web", "222222222222/ap-northeast-1/web"],
            plan.Repositories.Select(repository => repository.Repository.Key.ToString()));
    }

    [Fact]
    public void OrdersImagesNewestPushFirstAndTiesByDigest()
    {
        string[] tied = [.. new[] { "tie-1", "tie-2", "tie-3" }.OrderBy(Digests.Of, StringComparer.Ordinal)];
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("oldest", DaysAgo(9))
                .Image("tie-3", DaysAgo(5))
                .Image("newest", DaysAgo(1))
                .Image("tie-1", DaysAgo(5))
                .Image("tie-2", DaysAgo(5)))
            .Evaluate();

        Assert.Equal(["newest", .. tied, "oldest"], plan.Repository("care/api").Names());
    }

    [Fact]
    public void ListsEveryImageOfEveryRepositoryExactlyOnce()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v1", DaysAgo(1), i => i.Index("amd64"))
                .Untagged("amd64", DaysAgo(1))
                .Untagged("old", DaysAgo(90))
                .Image("archived", DaysAgo(200), i => i.Archived()))
            .Repository("care/web", r => r.Image("web", DaysAgo(3)))
            .Evaluate();

        Assert.Equal(["amd64", "archived", "old", "v1"], plan.Repository("care/api").Names().Order(StringComparer.Ordinal));
        Assert.Equal(["web"], plan.Repository("care/web").Names());
    }

    [Fact]
    public void StampsThePlanWithTheTimeItWasMadeFor()
    {
        var plan = new InventoryBuilder().Repository("care/api", r => r.Image("v1", DaysAgo(1))).Evaluate();

        Assert.Equal(Now, plan.GeneratedAt);
    }

    [Fact]
    public void RejectsARepositoryListedTwice()
    {
        var world = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v1", DaysAgo(1)))
            .Repository("care/api", r => r.Image("v2", DaysAgo(1)));

        Assert.Throws<ArgumentException>(() => world.Evaluate());
    }

    [Fact]
    public void RejectsARepositoryThatListsAnImageTwice()
    {
        var image = new ImageRecord { Digest = Digests.Of("twice"), PushedAt = Now };

        var error = Assert.Throws<ArgumentException>(() => new RepositoryRecord(new RepositoryKey("111111111111", "ap-northeast-1", "care/api"), "care", [image, image with { Tags = ["v1"] }]));

        Assert.Contains("lists image", error.Message);
    }
}
