using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Features.Plan;

/// <summary><c>plan</c> against registries of every AWS partition, served by the simulator.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class PlanAcrossPartitionsTests
{
    [Fact]
    public async Task AssumesARoleOfTheChinaPartitionThroughStsInTheRegistrysRegion()
    {
        const string Region = "cn-north-1";
        var world = PartitionWorld.Create(Region, $"{PartitionWorld.Account}.dkr-ecr.{Region}.on.amazonwebservices.com.cn");
        await using var simulator = await Simulator.StartAsync(world, accountId: "111111111111", region: "ap-northeast-1");

        var run = PlanRun.Of(["plan", "--json", "--now", PlanRun.Now, .. PartitionWorld.Configuration(Region, $"arn:aws-cn:iam::{PartitionWorld.Account}:role/ecr-curator")]);

        Assert.True(run.ExitCode == 0, run.Errors);
        var images = PlanExpectations.Images(run, "app");
        Assert.Equal("keep: in-use, outside-window", images[PartitionWorld.Running].Verdict);
        Assert.Equal("delete", images[PartitionWorld.Unused].Decision);
        Assert.Contains("sts:AssumeRole", await simulator.OperationsCalledAsync());
    }

    [Theory]
    [InlineData("eusc-de-east-1", "amazonaws.eu")]
    [InlineData("us-isof-south-1", "csp.hci.ic.gov")]
    [InlineData("us-isob-east-1", "sc2s.sgov.gov")]
    [InlineData("us-gov-west-1", "amazonaws.com")]
    public async Task ReadsAndDecidesARegistryOfAnyPartitionWithItsOwnArns(string region, string domain)
    {
        var world = PartitionWorld.Create(region, $"{PartitionWorld.Account}.dkr.ecr.{region}.{domain}");
        await using var simulator = await Simulator.StartAsync(world, accountId: PartitionWorld.Account, region: region);

        var run = PlanRun.Of(["plan", "--json", "--now", PlanRun.Now, .. PartitionWorld.Configuration(region)]);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.DoesNotContain("left out", run.Errors);
        var images = PlanExpectations.Images(run, "app");
        Assert.Equal("keep: in-use, outside-window", images[PartitionWorld.Running].Verdict);
        Assert.Equal("delete", images[PartitionWorld.Unused].Decision);
    }

    [Fact]
    public void RefusesRegistriesAndUsageSourcesOfTwoPartitionsAtStartNamingTheKeys()
    {
        var run = PlanRun.Of(
            "plan", "--world", PlanRun.World("seed-table"),
            "--Curator:Registries:0:AccountId=111111111111", "--Curator:Registries:0:Region=ap-northeast-1",
            "--Curator:UsageSources:0:AccountId=333333333333", "--Curator:UsageSources:0:Region=cn-north-1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("span more than one AWS partition", run.Errors);
        Assert.Contains("Curator:Registries:0:Region ap-northeast-1 (aws)", run.Errors);
        Assert.Contains("Curator:UsageSources:0:Region cn-north-1 (aws-cn)", run.Errors);
    }

    [Fact]
    public async Task RefusesUsageSourcesOfAnotherPartitionThanTheCredentialsRegistryNamingTheKeys()
    {
        await using var simulator = await Simulator.StartAsync(PartitionWorld.Create("ap-northeast-1", "x"), accountId: PartitionWorld.Account);

        var run = PlanRun.Of("plan", "--Curator:UsageSources:0:AccountId=333333333333", "--Curator:UsageSources:0:Region=eusc-de-east-1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("set by AWS_REGION, or list it under Curator:Registries", run.Errors);
        Assert.Contains("Curator:UsageSources:0:Region eusc-de-east-1 (aws-eusc)", run.Errors);
    }
}
