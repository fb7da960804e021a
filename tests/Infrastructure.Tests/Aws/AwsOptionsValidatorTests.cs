using EcrCurator.Infrastructure.Aws;

namespace EcrCurator.Infrastructure.Tests.Aws;

public class AwsOptionsValidatorTests
{
    private static IEnumerable<string> Problems(AwsOptions options) =>
        new AwsOptionsValidator().Validate(null, options).Failures ?? [];

    private static AccountRegionOptions At(string region, string? roleArn = null) => new() { AccountId = "111111111111", Region = region, RoleArn = roleArn };

    [Theory]
    [InlineData("eusc-de-east-1", "arn:aws-eusc:iam::111111111111:role/ecr-curator")]
    [InlineData("us-gov-west-1", "arn:aws-us-gov:iam::111111111111:role/ecr-curator")]
    [InlineData("us-isob-east-1", "arn:aws-iso-b:iam::111111111111:role/ecr-curator")]
    [InlineData("cn-north-1", "arn:aws-cn:iam::111111111111:role/ecr-curator")]
    [InlineData("ap-northeast-1", "arn:aws:iam::111111111111:role/ecr-curator")]
    public void AcceptsTheRegionsOfEveryPartitionWithRolesOfTheirPartition(string region, string roleArn)
    {
        Assert.Empty(Problems(new AwsOptions { Registries = [At(region, roleArn)], UsageSources = [At(region)] }));
    }

    [Fact]
    public void RefusesRegistriesAndUsageSourcesOfTwoPartitionsNamingTheKeys()
    {
        var problem = Assert.Single(Problems(new AwsOptions { Registries = [At("ap-northeast-1")], UsageSources = [At("ap-northeast-3"), At("cn-north-1")] }));

        Assert.Contains("span more than one AWS partition", problem);
        Assert.Contains("Curator:Registries:0:Region ap-northeast-1 (aws)", problem);
        Assert.Contains("Curator:UsageSources:1:Region cn-north-1 (aws-cn)", problem);
    }

    [Fact]
    public void RefusesARoleOfAnotherPartitionThanItsRegionNamingTheKey()
    {
        var problem = Assert.Single(Problems(new AwsOptions { Registries = [At("cn-north-1", "arn:aws:iam::111111111111:role/ecr-curator")] }));

        Assert.StartsWith("Curator:Registries:0:RoleArn is a role of partition aws, but Curator:Registries:0:Region cn-north-1 is in partition aws-cn", problem);
    }

    [Theory]
    [InlineData("Tokyo")]
    [InlineData("ap-northeast")]
    [InlineData("")]
    public void RefusesARegionThatIsNoneNamingTheKey(string region)
    {
        var problem = Assert.Single(Problems(new AwsOptions { UsageSources = [At(region)] }));

        Assert.StartsWith($"Curator:UsageSources:0:Region must be an AWS region such as ap-northeast-1, cn-north-1 or eusc-de-east-1 (it is '{region}')", problem);
    }

    [Fact]
    public void RefusesAThrottleBudgetUnderASecondNamingTheKey()
    {
        var problem = Assert.Single(Problems(new AwsOptions { Aws = new AwsCallOptions { ThrottleBudgetSeconds = 0 } }));

        Assert.Equal("Curator:Aws:ThrottleBudgetSeconds must be at least 1 (it is 0).", problem);
    }
}
