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

    /// <summary>
    /// Every form of host amazon-ecr-credential-helper recognises (its ecr-login/api host pattern and tests), in every
    /// partition: <c>dkr.ecr</c> and <c>dkr-ecr</c> interchangeable, <c>-fips</c> or not, and whatever the domain's partition.
    /// </summary>
    [Theory]
    [InlineData("123456789012.dkr.ecr.us-west-2.amazonaws.com", "us-west-2")]
    [InlineData("123456789012.dkr-ecr.us-west-2.on.aws", "us-west-2")]
    [InlineData("123456789012.dkr-ecr-fips.us-west-2.on.aws", "us-west-2")]
    [InlineData("123456789012.dkr.ecr.us-west-2.on.aws", "us-west-2")]
    [InlineData("123456789012.dkr-ecr.us-west-2.amazonaws.com", "us-west-2")]
    [InlineData("210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn", "cn-north-1")]
    [InlineData("210987654321.dkr.ecr.cn-north-1.on.amazonwebservices.com.cn", "cn-north-1")]
    [InlineData("210987654321.dkr-ecr.cn-northwest-1.on.amazonwebservices.com.cn", "cn-northwest-1")]
    [InlineData("210987654321.dkr.ecr.us-iso-east-1.c2s.ic.gov", "us-iso-east-1")]
    [InlineData("123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1")]
    [InlineData("123456789012.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1")]
    [InlineData("123456789012.dkr.ecr.us-isof-east-1.csp.hci.ic.gov", "us-isof-east-1")]
    [InlineData("123456789012.dkr.ecr-fips.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1")]
    [InlineData("123456789012.dkr-ecr.us-gov-east-1.on.aws", "us-gov-east-1")]
    [InlineData("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1")]
    [InlineData("123456789012.dkr-ecr-fips.us-gov-east-1.on.aws", "us-gov-east-1")]
    [InlineData("123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1")]
    [InlineData("123456789012.dkr.ecr-fips.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1")]
    [InlineData("123456789012.DKR-ECR.EUSC-DE-EAST-1.AMAZONAWS.EU:443", "eusc-de-east-1")]
    [InlineData("123456789012.dkr.ecr.us-isof-east-1.CSP.HCI.IC.GOV:5000", "us-isof-east-1")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com.cn", "us-east-1")]
    [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com", "cn-north-1")]
    public void RecognisesEveryHostTheEcrCredentialHelperRecognises(string host, string region)
    {
        Assert.True(ImageReference.TryParseEcr($"{host}/care/api:v1", out var parsed), host);

        Assert.Equal(new RepositoryKey(host[..12], region, "care/api"), parsed.Repository);
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
    [InlineData("ecr-public.aws.com/care/api:v1")]
    [InlineData("111111111111.dkr.ecr.us-west-2.amazonaws.com.fake.example.com/api:v1")]
    [InlineData("111111111111.dkr.ecr-fips.us-gov-west-1.amazonaws.com.fake.example.com/api:v1")]
    [InlineData("111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn.fake.example.com.cn/api:v1")]
    [InlineData("111111111111.dkr.ecr.cn-north-1.on.aws.com.cn/api:v1")]
    [InlineData("111111111111.dkr.ecr.us-isof-east-1.hci.ic.gov/api:v1")]
    [InlineData("111111111111.dkr.ecr.eusc-de-east-1.amazonaws.de/api:v1")]
    [InlineData("111111111111.dkr.ecr..amazonaws.com/api:v1")]
    [InlineData("111111111111.dkr.ecr.-us-east-1.amazonaws.com/api:v1")]
    [InlineData("111111111111.dkr.ecr.us.east.1.amazonaws.com/api:v1")]
    [InlineData("111111111111.dkr_ecr.us-east-1.amazonaws.com/api:v1")]
    [InlineData("111111111111.dkr.ecr-fipsy.us-east-1.amazonaws.com/api:v1")]
    [InlineData(".dkr.ecr.not-real.amazonaws.com/api:v1")]
    public void RejectsAnythingThatIsNotAnEcrReference(string reference)
    {
        Assert.False(ImageReference.TryParseEcr(reference, out var parsed));
        Assert.Null(parsed);
    }
}
