namespace EcrCurator.Domain.Tests.Usage;

/// <summary>SPEC 3.2: the grammar <c>HOST/REPO[:TAG][@DIGEST]</c> and every ECR host form.</summary>
public class ImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/care/api:v1", "111111111111", "ap-northeast-1", "care/api", "v1")]
    [InlineData("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/api:v1", "123456789012", "us-east-1", "api", "v1")]
    [InlineData("123456789012.dkr-ecr.eu-west-1.on.aws/api:v1", "123456789012", "eu-west-1", "api", "v1")]
    [InlineData("123456789012.dkr-ecr-fips.us-gov-west-1.on.aws/api:v1", "123456789012", "us-gov-west-1", "api", "v1")]
    [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/api:v1", "123456789012", "cn-north-1", "api", "v1")]
    [InlineData("123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn/api:v1", "123456789012", "cn-northwest-1", "api", "v1")]
    [InlineData("111111111111.DKR.ECR.AP-NORTHEAST-1.AMAZONAWS.COM/care/api:v1", "111111111111", "ap-northeast-1", "care/api", "v1")]
    [InlineData("123456789012.Dkr-Ecr.Eu-West-1.On.Aws/api:v1", "123456789012", "eu-west-1", "api", "v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com:443/care/api:v1", "111111111111", "ap-northeast-1", "care/api", "v1")]
    [InlineData("123456789012.dkr-ecr.eu-west-1.on.aws:5000/api:v1", "123456789012", "eu-west-1", "api", "v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/a/b/c/api:1.2.3-rc_1", "111111111111", "ap-northeast-1", "a/b/c/api", "1.2.3-rc_1")]
    public void ParsesEveryEcrHostForm(string reference, string account, string region, string repository, string tag)
    {
        Assert.True(ImageReference.TryParseEcr(reference, out var parsed));

        Assert.Equal(new ImageReference(new RepositoryKey(account, region, repository), tag, null), parsed);
    }

    [Fact]
    public void ReadsAReferenceWithoutATagAsLatest()
    {
        Assert.True(ImageReference.TryParseEcr("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/care/api", out var parsed));

        Assert.Equal(new RepositoryKey("111111111111", "ap-northeast-1", "care/api"), parsed.Repository);
        Assert.Null(parsed.Tag);
        Assert.Null(parsed.Digest);
        Assert.Equal("latest", parsed.TagOrDefault);
    }

    [Fact]
    public void ReadsADigestReference()
    {
        Assert.True(ImageReference.TryParseEcr($"111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/care/api@{Digest}", out var parsed));

        Assert.Equal(new ImageReference(new RepositoryKey("111111111111", "ap-northeast-1", "care/api"), null, Digest), parsed);
    }

    [Fact]
    public void ReadsBothTheTagAndTheDigestOfATagPlusDigestReference()
    {
        Assert.True(ImageReference.TryParseEcr($"111111111111.dkr.ecr.ap-northeast-1.amazonaws.com:443/care/api:v1@{Digest}", out var parsed));

        Assert.Equal(new ImageReference(new RepositoryKey("111111111111", "ap-northeast-1", "care/api"), "v1", Digest), parsed);
    }

    [Theory]
    [InlineData("11111111111.dkr.ecr.ap-northeast-1.amazonaws.com/api:v1")]
    [InlineData("1111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/api:v1")]
    [InlineData("11111111111a.dkr.ecr.ap-northeast-1.amazonaws.com/api:v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.org/api:v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com.evil.example/api:v1")]
    [InlineData("111111111111.ecr.dkr.ap-northeast-1.amazonaws.com/api:v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.on.aws/api:v1")]
    [InlineData("111111111111.dkr-ecr.ap-northeast-1.amazonaws.com/api:v1")]
    [InlineData("111111111111.dkr.ecr.us-east-1.amazonaws.com.cn/api:v1")]
    [InlineData("111111111111.dkr.ecr.cn-north-1.amazonaws.com/api:v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com:https/api:v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com:/api:v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/api:")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/api@")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/:v1")]
    [InlineData("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com")]
    [InlineData("docker.io/library/nginx:latest")]
    [InlineData("nginx:latest")]
    [InlineData("ghcr.io/care/api:v1")]
    [InlineData("public.ecr.aws/care/api:v1")]
    public void RejectsAnythingThatIsNotAnEcrReference(string reference)
    {
        Assert.False(ImageReference.TryParseEcr(reference, out var parsed));
        Assert.Null(parsed);
    }
}
