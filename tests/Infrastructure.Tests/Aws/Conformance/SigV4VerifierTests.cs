using System.Text.Json.Nodes;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>The signature verifier the conformance tests rely on: it accepts what AWS accepts and nothing else.</summary>
public sealed class SigV4VerifierTests
{
    public static TheoryData<string, int> OfficialRequests()
    {
        var requests = new TheoryData<string, int>();
        foreach (var name in SdkCapture.OperationNames())
        {
            for (var i = 0; i < SdkCapture.Load(name).Exchanges.Count; i++)
            {
                requests.Add(name, i);
            }
        }

        return requests;
    }

    [Fact]
    public void AcceptsTheAwsTestSuitesGetVanillaSignature()
    {
        // aws-sig-v4-test-suite, get-vanilla: GET / to example.amazonaws.com, service "service", 20150830T123600Z.
        var request = new CapturedRequest("GET", "/", [new("Host", "example.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")], []);
        var verdict = SigV4Verifier.Verify(request);
        Assert.True(verdict.Valid, verdict.Reason);
    }

    [Theory]
    [MemberData(nameof(OfficialRequests))]
    public void AcceptsEverySignatureTheOfficialSdkMade(string captureName, int index)
    {
        var verdict = SigV4Verifier.Verify(SdkCapture.Load(captureName).Exchanges[index].Request);
        Assert.True(verdict.Valid, verdict.Reason);
    }

    [Fact]
    public void AcceptsTheOfficialSdksSignatureOnEveryErrorCase()
    {
        foreach (var result in SdkCapture.ReadFile("errors-and-retries")["results"]!.AsArray())
        {
            var verdict = SigV4Verifier.Verify(SdkCapture.RequestFrom(result!["firstRequest"]!));
            Assert.True(verdict.Valid, $"{result["case"]}: {verdict.Reason}");
        }
    }

    [Fact]
    public void RefusesAnOfficialRequestWithAnyChangeToWhatWasSigned()
    {
        var official = SdkCapture.Load("ecr-DescribeImages-imageIds").Exchanges[0].Request;
        Assert.True(SigV4Verifier.Verify(official).Valid);
        var body = JsonNode.Parse(official.BodyText)!;
        body["repositoryName"] = "other";
        var withoutContentHash = official.Headers.Where(header => header.Key != "x-amz-content-sha256").ToList();
        Assert.False(SigV4Verifier.Verify(official with { Headers = withoutContentHash, Body = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()) }).Valid);
        Assert.False(SigV4Verifier.Verify(official.WithBody(body.ToJsonString())).Valid);
        Assert.False(SigV4Verifier.Verify(official.WithHeader("x-amz-target", "AmazonEC2ContainerRegistry_V20150921.BatchDeleteImage")).Valid);
        Assert.False(SigV4Verifier.Verify(official.WithHeader("x-amz-date", "20150830T123601Z")).Valid);
        Assert.False(SigV4Verifier.Verify(official with { Method = "PUT" }).Valid);
        Assert.False(SigV4Verifier.Verify(official, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ").Valid);
        Assert.False(SigV4Verifier.Verify(official with { Headers = [.. official.Headers.Where(header => header.Key != "authorization")] }).Valid);
    }
}
