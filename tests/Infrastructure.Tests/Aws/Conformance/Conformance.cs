using System.Text.Json.Nodes;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>Runs one of this client's operations against the official SDK's capture and compares.</summary>
public static class Conformance
{
    public static async Task<(SdkCapture Capture, IReadOnlyList<CapturedRequest> Sent, T Result)> RunAsync<T>(
        string captureName, Func<AwsUnderTest, SdkCapture, Task<T>> call)
    {
        var capture = SdkCapture.Load(captureName);
        await using var aws = await AwsUnderTest.ReplayingAsync(capture);
        var result = await call(aws, capture);
        return (capture, aws.Listener.Requests, result);
    }

    /// <summary>Same method, path (query included), X-Amz-Target, Content-Type and JSON body (REST-JSON reads have none) as the official SDK, each request validly signed.</summary>
    public static void AssertSentAsTheOfficialSdkDoes(SdkCapture capture, IReadOnlyList<CapturedRequest> sent)
    {
        Assert.True(
            capture.Exchanges.Count == sent.Count,
            $"{capture.Name}: this client sent {sent.Count} request(s), the official SDK {capture.Exchanges.Count}");
        for (var i = 0; i < sent.Count; i++)
        {
            AssertSameRequest(capture.Exchanges[i].Request, sent[i], $"{capture.Name} request {i + 1}");
        }
    }

    public static void AssertSameRequest(CapturedRequest official, CapturedRequest ours, string what)
    {
        Assert.Equal(official.Method, ours.Method);
        Assert.Equal(official.Path, ours.Path);
        Assert.Equal(official.Header("x-amz-target"), ours.Header("x-amz-target"));
        Assert.Equal(official.Header("content-type"), ours.Header("content-type"));
        if (official.Body.Length > 0 || ours.Body.Length > 0)
        {
            JsonComparison.AssertSameJson(official.BodyText, ours.BodyText, $"{what}: the JSON body");
        }

        AssertValidlySigned(official, ours, what);
    }

    private static readonly HashSet<string> SdkBookkeeping = new(StringComparer.OrdinalIgnoreCase)
    {
        "amz-sdk-invocation-id", "amz-sdk-request", "x-amz-user-agent", "user-agent",
    };

    public static void AssertValidlySigned(CapturedRequest official, CapturedRequest ours, string what)
    {
        var verdict = SigV4Verifier.Verify(ours);
        Assert.True(verdict.Valid, $"{what}: the signature is not valid: {verdict.Reason}\n{verdict.CanonicalRequest}");
        var expected = SigV4Verifier.Verify(official);
        Assert.True(expected.Valid, $"{what}: the official capture's signature does not verify: {expected.Reason}");
        Assert.Equal(expected.AccessKey, verdict.AccessKey);
        Assert.Equal(expected.Region, verdict.Region);
        Assert.Equal(expected.Service, verdict.Service);
        // Every header that both send and the official SDK signs (host, x-amz-date, x-amz-target, content-type, ...)
        // must be signed by this client too, but for the SDK's own bookkeeping (invocation id, attempt, user agent),
        // which the JavaScript SDK signs and the official .NET SDK's signer (used here) does not.
        var unsigned = expected.SignedHeaders!
            .Where(name => ours.Header(name) is not null && !verdict.SignedHeaders!.Contains(name) && !SdkBookkeeping.Contains(name))
            .ToList();
        Assert.True(unsigned.Count == 0, $"{what}: the official SDK signs {string.Join(", ", unsigned)}, this client sends but does not sign (SignedHeaders={string.Join(';', verdict.SignedHeaders!)})");
    }

    /// <summary>A list of strings, as one JSON array.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(value => (JsonNode)value)];
}
