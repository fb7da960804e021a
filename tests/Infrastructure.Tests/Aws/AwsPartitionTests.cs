using EcrCurator.Infrastructure.Aws;

namespace EcrCurator.Infrastructure.Tests.Aws;

public class AwsPartitionTests
{
    [Theory]
    [InlineData("ap-northeast-1", "aws")]
    [InlineData("il-central-1", "aws")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("eusc-de-east-1", "aws-eusc")]
    [InlineData("us-iso-east-1", "aws-iso")]
    [InlineData("us-isob-east-1", "aws-iso-b")]
    [InlineData("eu-isoe-west-1", "aws-iso-e")]
    [InlineData("us-isof-south-1", "aws-iso-f")]
    public void TellsThePartitionOfARegion(string region, string partition) =>
        Assert.Equal(partition, AwsPartition.Of(region).Name);

    [Theory]
    [InlineData("cn-north-1", "arn:aws-cn:ecr:cn-north-1:111111111111:repository/care/api")]
    [InlineData("eusc-de-east-1", "arn:aws-eusc:ecr:eusc-de-east-1:111111111111:repository/care/api")]
    [InlineData("us-isob-east-1", "arn:aws-iso-b:ecr:us-isob-east-1:111111111111:repository/care/api")]
    [InlineData("us-gov-east-1", "arn:aws-us-gov:ecr:us-gov-east-1:111111111111:repository/care/api")]
    [InlineData("eu-west-1", "arn:aws:ecr:eu-west-1:111111111111:repository/care/api")]
    public void WritesArnsInTheRegionsPartition(string region, string arn) =>
        Assert.Equal(arn, AwsPartition.Arn("ecr", region, "111111111111", "repository/care/api"));

    [Theory]
    [InlineData("ap-northeast-1", true)]
    [InlineData("eusc-de-east-1", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("us-isob-east-1", true)]
    [InlineData("cn-north-1", true)]
    [InlineData("Ap-northeast-1", false)]
    [InlineData("ap-northeast", false)]
    [InlineData("ap_northeast_1", false)]
    [InlineData("northeast-1", false)]
    [InlineData("a-northeast-1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void KnowsARegionNameOfAnyPartition(string? region, bool valid) =>
        Assert.Equal(valid, AwsPartition.IsRegionName(region));
}
