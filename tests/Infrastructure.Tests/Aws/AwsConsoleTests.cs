using EcrCurator.Infrastructure.Aws;

namespace EcrCurator.Infrastructure.Tests.Aws;

public class AwsConsoleTests
{
    private const string Digest = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Theory]
    [InlineData("ap-northeast-1", "https://ap-northeast-1.console.aws.amazon.com/ecr/repositories/private/111111111111/care/api?region=ap-northeast-1")]
    [InlineData("cn-north-1", "https://cn-north-1.console.amazonaws.cn/ecr/repositories/private/111111111111/care/api?region=cn-north-1")]
    [InlineData("us-gov-west-1", "https://us-gov-west-1.console.amazonaws-us-gov.com/ecr/repositories/private/111111111111/care/api?region=us-gov-west-1")]
    public void LinksARepositoryToItsPageInTheConsoleOfItsPartition(string region, string page) =>
        Assert.Equal(page, AwsConsole.Repository("111111111111", region, "care/api")!.AbsoluteUri);

    [Theory]
    [InlineData("eu-west-1", "https://eu-west-1.console.aws.amazon.com/ecr/repositories/private/222222222222/shop/web/_/image/" + Digest + "/details?region=eu-west-1")]
    [InlineData("cn-northwest-1", "https://cn-northwest-1.console.amazonaws.cn/ecr/repositories/private/222222222222/shop/web/_/image/" + Digest + "/details?region=cn-northwest-1")]
    [InlineData("us-gov-east-1", "https://us-gov-east-1.console.amazonaws-us-gov.com/ecr/repositories/private/222222222222/shop/web/_/image/" + Digest + "/details?region=us-gov-east-1")]
    public void LinksAnImageToItsPageByDigestInTheConsoleOfItsPartition(string region, string page) =>
        Assert.Equal(page, AwsConsole.Image("222222222222", region, "shop/web", Digest)!.AbsoluteUri);

    [Theory]
    [InlineData("us-iso-east-1")]
    [InlineData("us-isob-east-1")]
    [InlineData("not a region")]
    public void MakesNoLinkWhereThereIsNoPublicConsole(string region)
    {
        Assert.Null(AwsConsole.Repository("111111111111", region, "care/api"));
        Assert.Null(AwsConsole.Image("111111111111", region, "care/api", Digest));
    }

    [Fact]
    public void EscapesWhatARepositoryNameCouldCarryIntoTheAddressButKeepsItsSlashes() =>
        Assert.Equal(
            "https://ap-northeast-1.console.aws.amazon.com/ecr/repositories/private/111111111111/care/a%3Fb?region=ap-northeast-1",
            AwsConsole.Repository("111111111111", "ap-northeast-1", "care/a?b")!.AbsoluteUri);
}
