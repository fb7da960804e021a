using System.Text.Json.Nodes;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>
/// Each Lambda operation the product calls (REST-JSON), run through this client with the inputs the official SDK was
/// given (captures/lambda-*.json): the same requests, validly signed, the same values read from the same answers, and
/// the same errors after as many attempts (throttling after more: this client retries it until its throttle budget is
/// spent, on a fake clock here).
/// </summary>
public sealed class LambdaConformanceTests
{
    private static readonly JsonArray Errors = SdkCapture.ReadFile("lambda-errors-and-retries")["results"]!.AsArray();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> ErrorCases() => [.. Errors.Select(result => (string)result!["case"]!)];

    [Fact]
    public async Task SendsListFunctionsForEveryVersionExactlyAsTheOfficialSdkDoesOnEveryPage()
    {
        var (capture, sent, _) = await Conformance.RunAsync("lambda-ListFunctions", (aws, _) => aws.Lambda.ListFunctionVersionsAsync(Cancellation));
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsEveryVersionOfEveryPageAsTheOfficialSdkDoes()
    {
        var (capture, _, versions) = await Conformance.RunAsync("lambda-ListFunctions", (aws, _) => aws.Lambda.ListFunctionVersionsAsync(Cancellation));
        JsonComparison.AssertReadTheSame(capture.AllPages("Functions"), versions, "ListFunctions");
    }

    [Theory]
    [InlineData("lambda-GetFunction")]
    [InlineData("lambda-GetFunction-version")]
    public async Task SendsGetFunctionForAVersionExactlyAsTheOfficialSdkDoes(string name)
    {
        var (capture, sent, _) = await Conformance.RunAsync(name, GetCode);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Theory]
    [InlineData("lambda-GetFunction")]
    [InlineData("lambda-GetFunction-version")]
    public async Task ReadsTheImageAndTheDigestLambdaResolvedAsTheOfficialSdkDoes(string name)
    {
        var (capture, _, code) = await Conformance.RunAsync(name, GetCode);
        Assert.NotNull(code?.ResolvedImageUri);
        JsonComparison.AssertReadTheSame(capture.ParsedOutputs[0]["Code"], code, "GetFunction");
    }

    [Fact]
    public async Task SendsListAliasesExactlyAsTheOfficialSdkDoesOnEveryPage()
    {
        var (capture, sent, _) = await Conformance.RunAsync("lambda-ListAliases", ListAliases);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsEveryAliasWithItsWeightedVersionAsTheOfficialSdkDoes()
    {
        var (capture, _, aliases) = await Conformance.RunAsync("lambda-ListAliases", ListAliases);
        JsonComparison.AssertReadTheSame(capture.AllPages("Aliases"), aliases, "ListAliases");
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public async Task RaisesTheSameErrorAfterAsManyAttemptsAsTheOfficialSdkUnlessThrottled(string name)
    {
        var official = Errors.Single(result => (string)result!["case"]! == name)!.AsObject();
        var headers = official["responseHeaders"]!.AsObject().ToDictionary(header => header.Key, header => (string)header.Value!);
        var time = new FakeTimeProvider();
        await using var aws = await AwsUnderTest.StartAsync(
            _ => new CannedResponse((int)official["responseStatus"]!, (string)official["responseBody"]!, headers), time: time);
        var input = official["input"]!;

        var error = await Record.ExceptionAsync(() => FakeClock.RunAsync(time, async () =>
        {
            switch ((string)official["operation"]!)
            {
                case "GetFunction":
                    Assert.Null(await aws.Lambda.GetCodeAsync((string)input["FunctionName"]!, (string)input["Qualifier"]!, Cancellation)); // gone
                    break;
                case "ListFunctions":
                    await aws.Lambda.ListFunctionVersionsAsync(Cancellation);
                    break;
                default:
                    await aws.Lambda.ListAliasesAsync((string)input["FunctionName"]!, Cancellation);
                    break;
            }
        }));

        var raised = official["error"]!;
        if ((string)raised["name"]! == "ResourceNotFoundException")
        {
            Assert.Null(error); // a function or version deleted since it was listed runs nothing
        }
        else
        {
            var failure = Assert.IsType<AwsException>(error);
            Assert.Equal((string)raised["name"]!, failure.Code);
            Assert.Equal((int)raised["$metadata"]!["httpStatusCode"]!, failure.Status);
            Assert.Contains((string)raised["message"]!, failure.Message, StringComparison.Ordinal);
        }

        var attempts = (int)official["attempts"]!;
        Assert.True(
            error is AwsException { IsThrottling: true } ? aws.Listener.Requests.Count > attempts : aws.Listener.Requests.Count == attempts,
            $"{name}: this client made {aws.Listener.Requests.Count} attempt(s), the official SDK {attempts}");
        Conformance.AssertSameRequest(SdkCapture.RequestFrom(official["firstRequest"]!), aws.Listener.Requests[0], name);
    }

    private static Task<Infrastructure.Aws.Lambda.FunctionCodeLocation?> GetCode(AwsUnderTest aws, SdkCapture capture) =>
        aws.Lambda.GetCodeAsync((string)capture.Input["FunctionName"]!, (string)capture.Input["Qualifier"]!, Cancellation);

    private static Task<List<Infrastructure.Aws.Lambda.AliasConfiguration>?> ListAliases(AwsUnderTest aws, SdkCapture capture) =>
        aws.Lambda.ListAliasesAsync((string)capture.Input["FunctionName"]!, Cancellation);
}
