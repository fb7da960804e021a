using System.Text.Json.Nodes;
using EcrCurator.Infrastructure.Aws;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>
/// The retry policy against the official SDK's own strategy (captures/retry-backoff.json): as many attempts by
/// default on errors other than throttling, full-jitter pauses under the same ceilings, and the configured
/// MaxAttempts honoured (throttling: AwsCallerTests).
/// </summary>
public sealed class RetryConformanceTests
{
    private const int Samples = 5000;
    private static readonly JsonObject Backoff = SdkCapture.ReadFile("retry-backoff");
    private static readonly JsonArray Errors = SdkCapture.ReadFile("errors-and-retries")["results"]!.AsArray();

    [Fact]
    public void MakesAsManyAttemptsAsTheOfficialSdkByDefaultOnErrorsOtherThanThrottling() =>
        Assert.Equal((int)Backoff["defaultMaxAttempts"]!, new AwsCallOptions().MaxAttempts);

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(true, 8)]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    [InlineData(false, 8)]
    public void PausesBeforeARetryWithTheOfficialSdksFullJitter(bool throttled, int retry)
    {
        var ceiling = (double)Backoff[throttled ? "throttling" : "transient"]!["ceilingsMs"]![retry - 1]!;
        var pauses = Enumerable.Range(0, Samples).Select(_ => AwsRetry.Delay(retry, throttled).TotalMilliseconds).ToList();
        var kind = throttled ? "throttling" : "a server error";
        Assert.True(pauses.Min() >= 0, $"a negative pause after {kind}");
        Assert.True(
            pauses.Max() <= ceiling,
            $"retry {retry} after {kind}: this client paused up to {pauses.Max():F0} ms, the official SDK never more than {ceiling} ms");
        Assert.True(
            pauses.Max() >= 0.95 * ceiling,
            $"retry {retry} after {kind}: this client's pauses reach only {pauses.Max():F0} ms, the official SDK's full jitter reaches {ceiling} ms");
        Assert.True(pauses.Min() <= 0.05 * ceiling, $"retry {retry} after {kind}: the pauses are not full jitter (none below {0.05 * ceiling} ms)");
    }

    [Fact]
    public async Task RetriesServerErrorsUpToTheConfiguredMaxAttempts()
    {
        var official = Errors.Single(result => (string)result!["case"]! == "server-exception-500")!.AsObject();
        var (error, sent) = await ErrorConformanceTests.RunAsync(official, new AwsCallOptions { MaxAttempts = 5 });
        Assert.Equal(5, sent.Count);
        Assert.Equal("ServerException", error.Code);
    }

    [Fact]
    public async Task NeverRetriesAClientErrorWhateverTheMaxAttempts()
    {
        var official = Errors.Single(result => (string)result!["case"]! == "repository-not-found-namespaced-type")!.AsObject();
        var (error, sent) = await ErrorConformanceTests.RunAsync(official, new AwsCallOptions { MaxAttempts = 5 });
        Assert.Single(sent);
        Assert.Equal("RepositoryNotFoundException", error.Code);
    }
}
