using EcrCurator.Domain;
using EcrCurator.Web.Features.Repository;

namespace EcrCurator.Web.Tests.Features.Repository;

public class UsageLocationTests
{
    [Fact]
    public void AServiceDeploymentNamesItsAccountClusterServiceAndTaskDefinition()
    {
        var location = UsageLocation.Parse("222222222222/ap-northeast-1/prod/service/care-api (care-api:12)");

        Assert.Equal(new UsageLocation("222222222222", "ap-northeast-1", "prod", "care-api", null, "care-api:12"), location);
    }

    [Fact]
    public void ARunningTaskNamesItsTaskId()
    {
        var location = UsageLocation.Parse("111111111111/us-east-1/batch/task/0f3a9c2e7b1d4e5f (nightly:3)");

        Assert.Equal(new UsageLocation("111111111111", "us-east-1", "batch", null, "0f3a9c2e7b1d4e5f", "nightly:3"), location);
    }

    [Fact]
    public void ReadsBackWhatTheSnapshotWrites()
    {
        var site = new EcsSite("222222222222", "ap-northeast-1", "blue", "web", null, "web", 7);

        var location = UsageLocation.Parse(site.ToString());

        Assert.Equal(("222222222222", "blue", "web", "web:7"), (location.AccountId, location.Cluster, location.Service, location.TaskDefinition));
    }

    [Fact]
    public void AnEntryWithoutATaskDefinitionStillNamesWhereItRuns()
    {
        var location = UsageLocation.Parse("111111111111/ap-northeast-1/prod/service/api");

        Assert.Equal(("prod", "api", (string?)null), (location.Cluster, location.Service, location.TaskDefinition));
    }

    [Theory]
    [InlineData("something else")]
    [InlineData("111111111111/ap-northeast-1/prod/deployment/x (f:1)")]
    public void AnEntryOfAnotherShapeIsShownWholeRatherThanHidden(string entry)
    {
        var location = UsageLocation.Parse(entry);

        Assert.Equal(entry, location.Cluster);
        Assert.Null(location.Service);
        Assert.Null(location.TaskId);
    }
}
