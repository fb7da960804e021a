using System.Text.Json.Nodes;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>
/// The official SDK's error answers (captures/errors-and-retries.json), each repeated on every attempt: this
/// client raises the same code and message, with the status, after as many attempts as the SDK made (throttling
/// after more: it retries until its throttle budget is spent).
/// </summary>
public sealed class ErrorConformanceTests
{
    private static readonly JsonArray Results = SdkCapture.ReadFile("errors-and-retries")["results"]!.AsArray();

    public static TheoryData<string> Cases() => [.. Results.Select(result => (string)result!["case"]!)];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RaisesTheSameErrorCodeAndMessageAsTheOfficialSdk(string name)
    {
        var official = Case(name);
        var (error, _) = await RunAsync(official);
        var raised = official["error"]!;
        Assert.Equal((string)raised["name"]!, error.Code);
        Assert.Contains((string)raised["message"]!, error.Message, StringComparison.Ordinal);
        Assert.Equal((int)raised["$metadata"]!["httpStatusCode"]!, error.Status);
    }

    /// <summary>Throttling excepted: the official SDK gives up after three attempts, this client once its throttle budget is spent (more attempts).</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RetriesWhenTheOfficialSdkRetriesAndAsOftenUnlessThrottled(string name)
    {
        var official = Case(name);
        var (error, sent) = await RunAsync(official);
        var attempts = (int)official["attempts"]!;
        Assert.True(
            error.IsThrottling ? sent.Count > attempts : sent.Count == attempts,
            $"{name}: this client made {sent.Count} attempt(s), the official SDK {attempts} ({official["error"]!["name"]}, HTTP {official["responseStatus"]})");
        var first = SdkCapture.RequestFrom(official["firstRequest"]!);
        for (var i = 0; i < sent.Count; i++)
        {
            Conformance.AssertSameRequest(first, sent[i], $"{name} attempt {i + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ClassifiesEachErrorForRetryAsTheOfficialSdkDoes(string name)
    {
        var official = Case(name);
        var kind = (string)official["retryErrorTypes"]![0]!;
        var (error, _) = await RunAsync(official, new AwsCallOptions { MaxAttempts = 1 });
        Assert.True(
            (kind == "THROTTLING") == error.IsThrottling,
            $"{name}: the official SDK classifies {error.Code} (HTTP {error.Status}) as {kind}; this client's IsThrottling is {error.IsThrottling}");
        Assert.True(
            (kind is "THROTTLING" or "TRANSIENT") == AwsRetry.IsRetryable(error),
            $"{name}: the official SDK classifies {error.Code} (HTTP {error.Status}) as {kind} and so {(kind is "THROTTLING" or "TRANSIENT" ? "retries" : "does not retry")} it; this client's IsRetryable is {AwsRetry.IsRetryable(error)}");
    }

    [Theory]
    [InlineData("access-denied-capital-Message", "ecr:DescribeImages")]
    [InlineData("ecs-access-denied", "ecs:ListClusters")]
    public async Task SaysWhichIamActionTheAccountDeniedWhenAccessIsDenied(string name, string action)
    {
        var official = Case(name);
        var (error, sent) = await RunAsync(official);
        Assert.Single(sent);
        Assert.True(error.IsAccessDenied);
        Assert.Equal("AccessDeniedException", error.Code);
        Assert.Contains(action, error.Message, StringComparison.Ordinal);
        Assert.Contains(AwsUnderTest.Account, error.Message, StringComparison.Ordinal);
        Assert.Contains((string)official["error"]!["message"]!, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("com.amazonaws.ecr#RepositoryNotFoundException", "RepositoryNotFoundException")]
    [InlineData("RepositoryNotFoundException:http://internal.amazon.com/coral/com.amazonaws.ecr/", "RepositoryNotFoundException")]
    [InlineData("com.amazonaws.ecr#RepositoryNotFoundException:http://internal.amazon.com/coral/com.amazonaws.ecr/", "RepositoryNotFoundException")]
    [InlineData("ThrottlingException", "ThrottlingException")]
    public void ShortensErrorTypesAsTheOfficialSdkDoes(string type, string code) =>
        Assert.Equal(code, AwsErrors.ShortCode(type));

    private static JsonObject Case(string name) =>
        Results.Single(result => (string)result!["case"]! == name)!.AsObject();

    /// <summary>
    /// Runs the case's operation through this client against a listener that always gives the case's answer, on a
    /// fake clock (so that a throttle budget is waited out at once).
    /// </summary>
    internal static async Task<(AwsException Error, IReadOnlyList<CapturedRequest> Sent)> RunAsync(JsonObject official, AwsCallOptions? options = null)
    {
        var headers = official["responseHeaders"]!.AsObject().ToDictionary(header => header.Key, header => (string)header.Value!);
        var time = new FakeTimeProvider();
        await using var aws = await AwsUnderTest.StartAsync(
            _ => new CannedResponse((int)official["responseStatus"]!, (string)official["responseBody"]!, headers), options, time);
        var error = await Assert.ThrowsAsync<AwsException>(() => FakeClock.RunAsync(time, async () =>
        {
            switch ((string)official["operation"]!)
            {
                case "DescribeImages":
                    await aws.Ecr.DescribeImagesAsync((string)official["input"]!["repositoryName"]!, Cancellation);
                    break;
                case "ListClusters":
                    await aws.Ecs.ListClustersAsync(Cancellation);
                    break;
                default:
                    throw new InvalidOperationException($"No call for {official["operation"]}");
            }
        }));
        return (error, aws.Listener.Requests);
    }
}
