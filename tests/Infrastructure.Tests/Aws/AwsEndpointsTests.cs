using EcrCurator.Infrastructure.Aws;
using Microsoft.Extensions.Configuration;

namespace EcrCurator.Infrastructure.Tests.Aws;

public class AwsEndpointsTests
{
    private static AwsEndpoints With(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value))).Build());

    [Fact]
    public void ReachesTheStandardRegionalEndpoints()
    {
        var endpoints = With();

        Assert.Equal("https://api.ecr.ap-northeast-1.amazonaws.com/", endpoints.For(AwsService.Ecr, "ap-northeast-1").ToString());
        Assert.Equal("https://ecs.eu-west-1.amazonaws.com/", endpoints.For(AwsService.Ecs, "eu-west-1").ToString());
    }

    [Fact]
    public void ReachesTheChinaPartitionUnderItsOwnDomain()
    {
        Assert.Equal("https://api.ecr.cn-north-1.amazonaws.com.cn/", With().For(AwsService.Ecr, "cn-north-1").ToString());
        Assert.Equal("https://ecs.cn-northwest-1.amazonaws.com.cn/", With().For(AwsService.Ecs, "cn-northwest-1").ToString());
    }

    [Theory]
    [InlineData("us-gov-west-1", "amazonaws.com")]
    [InlineData("cn-northwest-1", "amazonaws.com.cn")]
    [InlineData("eusc-de-east-1", "amazonaws.eu")]
    [InlineData("us-iso-east-1", "c2s.ic.gov")]
    [InlineData("us-isob-east-1", "sc2s.sgov.gov")]
    [InlineData("eu-isoe-west-1", "cloud.adc-e.uk")]
    [InlineData("us-isof-south-1", "csp.hci.ic.gov")]
    public void ReachesEveryServiceOfEveryPartitionUnderThePartitionsDomain(string region, string domain)
    {
        var endpoints = With();

        Assert.Equal($"https://api.ecr.{region}.{domain}/", endpoints.For(AwsService.Ecr, region).ToString());
        Assert.Equal($"https://ecs.{region}.{domain}/", endpoints.For(AwsService.Ecs, region).ToString());
        Assert.Equal($"https://sts.{region}.{domain}/", endpoints.For(AwsService.Sts, region).ToString());
    }

    [Fact]
    public void FollowsTheGeneralEndpointOverrideForEveryService()
    {
        var endpoints = With(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"));

        Assert.Equal("http://127.0.0.1:4566/", endpoints.For(AwsService.Ecr, "us-east-1").ToString());
        Assert.Equal("http://127.0.0.1:4566/", endpoints.For(AwsService.Ecs, "us-east-1").ToString());
    }

    [Fact]
    public void PrefersTheServiceSpecificOverride()
    {
        var endpoints = With(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_ECS", "http://127.0.0.1:5000"));

        Assert.Equal("http://127.0.0.1:4566/", endpoints.For(AwsService.Ecr, "us-east-1").ToString());
        Assert.Equal("http://127.0.0.1:5000/", endpoints.For(AwsService.Ecs, "us-east-1").ToString());
    }

    [Fact]
    public void RefusesAnOverrideThatIsNoUrlNamingTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => With(("AWS_ENDPOINT_URL_ECR", "not a url")).For(AwsService.Ecr, "us-east-1"));

        Assert.Contains("AWS_ENDPOINT_URL_ECR", error.Message);
    }

    [Fact]
    public void ReachesLambdaAtItsRegionalEndpointOrItsOwnOverride()
    {
        Assert.Equal("https://lambda.ap-northeast-1.amazonaws.com/", With().For(AwsService.Lambda, "ap-northeast-1").ToString());
        Assert.Equal("http://127.0.0.1:4566/", With(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")).For(AwsService.Lambda, "us-east-1").ToString());
        var endpoints = With(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:5001"));
        Assert.Equal("http://127.0.0.1:5001/", endpoints.For(AwsService.Lambda, "us-east-1").ToString());
        Assert.Equal("http://127.0.0.1:4566/", endpoints.For(AwsService.Ecr, "us-east-1").ToString());
    }
}
