using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Usage;

/// <summary>SPEC 3.2: a reference protects only the repository of the ECR registry its host names.</summary>
public class RegistryMatchingTests
{
    [Theory]
    [InlineData("111111111111.dkr.ecr-fips.ap-northeast-1.amazonaws.com/care/api:v1")]
    [InlineData("111111111111.dkr-ecr.ap-northeast-1.on.aws/care/api:v1")]
    [InlineData("111111111111.dkr-ecr-fips.ap-northeast-1.on.aws/care/api:v1")]
    [InlineData("111111111111.DKR.ECR.AP-NORTHEAST-1.AMAZONAWS.COM/care/api:v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com:443/care/api:v1")]
    public void KeepsAnImageNamedThroughAnyFormOfItsRegistryHost(string reference)
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40)))
            .Task(reference)
            .Evaluate();

        Assert.Equal("keep: in-use, outside-window", plan.Of("care/api", "v1").Verdict());
    }

    [Fact]
    public void KeepsAnImageOfAChinaRegionRegistry()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40)), region: "cn-north-1")
            .Task("111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/care/api:v1", region: "cn-north-1")
            .Evaluate();

        Assert.Equal("keep: in-use, outside-window", plan.Of("care/api", "v1", region: "cn-north-1").Verdict());
    }

    [Theory]
    [InlineData("cn-north-1", "111111111111.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn/care/api:v1")]
    [InlineData("cn-northwest-1", "111111111111.dkr.ecr.cn-northwest-1.on.amazonwebservices.com.cn/care/api:v1")]
    [InlineData("us-isof-south-1", "111111111111.dkr.ecr.us-isof-south-1.csp.hci.ic.gov/care/api:v1")]
    [InlineData("us-isob-east-1", "111111111111.dkr.ecr.us-isob-east-1.sc2s.sgov.gov/care/api:v1")]
    [InlineData("us-iso-east-1", "111111111111.dkr.ecr.us-iso-east-1.c2s.ic.gov/care/api:v1")]
    [InlineData("eu-isoe-west-1", "111111111111.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk/care/api:v1")]
    [InlineData("eusc-de-east-1", "111111111111.dkr.ecr.eusc-de-east-1.amazonaws.eu/care/api:v1")]
    [InlineData("us-gov-west-1", "111111111111.dkr-ecr-fips.us-gov-west-1.on.aws/care/api:v1")]
    public void KeepsAnImageThatATaskRunsFromARegistryOfAnyPartition(string region, string reference)
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40)), region: region)
            .Task(reference, region: region)
            .Evaluate();

        Assert.Equal("keep: in-use, outside-window", plan.Of("care/api", "v1", region: region).Verdict());
    }

    [Theory]
    [InlineData("docker.io/care/api:v1")]
    [InlineData("ghcr.io/care/api:v1")]
    [InlineData("public.ecr.aws/care/api:v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com.evil.example/care/api:v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.co/care/api:v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.example.com/care/api:v1")]
    public void IgnoresAReferenceToAnotherRegistry(string reference)
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40)))
            .Task(reference, runs: "v1")
            .Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "v1").Verdict());
    }

    [Theory]
    [InlineData(Ecr.OtherAccount, Ecr.Region)]
    [InlineData(Ecr.Account, Ecr.OtherRegion)]
    public void DoesNotProtectThisRepositoryWithAReferenceToTheSameNameInAnotherRegistry(string account, string region)
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40)))
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Image("v1", DaysAgo(40)), account, region)
            .Task(Ecr.Ref("care/api:v1", account, region), runs: "v1")
            .Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal("keep: in-use, outside-window", plan.Of("care/api", "v1", account, region).Verdict());
    }

    [Fact]
    public void KeepsAnImageATaskInAnotherAccountRuns()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Untagged("old", DaysAgo(40)))
            .Task(Ecr.Ref("care/api:v2"), runs: "old", account: Ecr.OtherAccount, region: Ecr.OtherRegion)
            .Evaluate();

        Assert.Equal("keep: in-use, outside-window, untagged", plan.Of("care/api", "old").Verdict());
        Assert.Equal(Ecr.OtherAccount, Assert.Single(plan.Of("care/api", "old").UsedBy).AccountId);
    }
}
