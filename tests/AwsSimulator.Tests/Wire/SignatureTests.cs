using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EcrCurator.AwsSimulator.Tests.Support;

namespace EcrCurator.AwsSimulator.Tests.Wire;

/// <summary>Requests without a well-formed SigV4 signature are refused as AWS refuses them; signed ones are served.</summary>
public sealed class SignatureTests
{
    private const string Target = "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories";
    private const string Date = "20261128T010000Z";
    private const string Signature = "905db8f77862c08e3bd0330838c5bf16da5a743295ca151d87f82188fc040979";
    private const string SignedHeaders = "content-type;host;x-amz-date;x-amz-target";

    [Fact]
    public async Task RefusesARequestWithoutASignature()
    {
        var (status, body) = await SendAsync(authorization: null);

        Assert.Equal((400, "MissingAuthenticationTokenException"), (status, body["__type"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("Bearer abc", "IncompleteSignatureException")]
    [InlineData($"AWS4-HMAC-SHA256 Credential=AKID/20261128/ap-northeast-1/ecr/aws4_request, Signature={Signature}", "IncompleteSignatureException")]
    [InlineData($"AWS4-HMAC-SHA256 Credential=AKID/20261128/ecr/aws4_request, SignedHeaders={SignedHeaders}, Signature={Signature}", "IncompleteSignatureException")]
    [InlineData($"AWS4-HMAC-SHA256 Credential=AKID/20261127/ap-northeast-1/ecr/aws4_request, SignedHeaders={SignedHeaders}, Signature={Signature}", "InvalidSignatureException")]
    [InlineData($"AWS4-HMAC-SHA256 Credential=AKID/20261128/ap-northeast-1/ecs/aws4_request, SignedHeaders={SignedHeaders}, Signature={Signature}", "InvalidSignatureException")]
    [InlineData($"AWS4-HMAC-SHA256 Credential=AKID/20261128/ap-northeast-1/ecr/aws4_request, SignedHeaders=content-type;x-amz-date, Signature={Signature}", "InvalidSignatureException")]
    [InlineData($"AWS4-HMAC-SHA256 Credential=AKID/20261128/ap-northeast-1/ecr/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature={Signature}", "InvalidSignatureException")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261128/ap-northeast-1/ecr/aws4_request, SignedHeaders=host;x-amz-date, Signature=xyz", "InvalidSignatureException")]
    public async Task RefusesAMalformedSignature(string authorization, string code)
    {
        var (status, body) = await SendAsync(authorization);

        Assert.Equal((400, code), (status, body["__type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RefusesABodyThatDoesNotMatchItsSignedPayloadHash()
    {
        var (status, body) = await SendAsync(
            $"AWS4-HMAC-SHA256 Credential=AKID/20261128/ap-northeast-1/ecr/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, Signature={Signature}",
            payloadHash: new string('0', 64));

        Assert.Equal((400, "InvalidSignatureException"), (status, body["__type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ServesAWellFormedSignatureWithAnySecret()
    {
        var (status, body) = await SendAsync($"AWS4-HMAC-SHA256 Credential=AKID/20261128/ap-northeast-1/ecr/aws4_request, SignedHeaders={SignedHeaders}, Signature={Signature}");

        Assert.Equal(200, status);
        Assert.Equal(100, body["repositories"]!.AsArray().Count);
    }

    [Fact]
    public async Task ServesRequestsSignedByTheAwsSdkSigner()
    {
        await using var simulator = await RunningSimulator.StartAsync(TestWorlds.Standard());

        var answer = (await simulator.Aws().Ecr("DescribeRepositories", new { maxResults = 5 })).Ok();

        Assert.Equal(5, answer.List("repositories").Count);
        Assert.Matches("^[0-9a-f-]{36}$", answer.RequestId);
    }

    private static async Task<(int Status, JsonNode Body)> SendAsync(string? authorization, string? payloadHash = null)
    {
        await using var simulator = await RunningSimulator.StartAsync(TestWorlds.Standard());
        using var http = new HttpClient { BaseAddress = simulator.Endpoint };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}")) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", Target);
        request.Headers.Add("X-Amz-Date", Date);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (payloadHash is not null)
        {
            request.Headers.Add("X-Amz-Content-Sha256", payloadHash);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!);
    }
}
