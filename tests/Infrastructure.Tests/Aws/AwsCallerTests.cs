using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Tests.Aws.Conformance;
using EcrCurator.Infrastructure.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EcrCurator.Infrastructure.Tests.Aws;

/// <summary>How a call is retried and its failure explained, against a listener on 127.0.0.1 and a fake clock.</summary>
public class AwsCallerTests
{
    private static readonly CannedResponse Throttle = new(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""");
    private static readonly CannedResponse ServerError = new(500, """{"__type":"ServerException","message":"internal"}""");
    private static readonly CannedResponse NoImages = CannedResponse.Ok("""{"imageDetails":[]}""");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeepsRetryingThrottlingPastTheOfficialSdksThreeAttemptsWhileTheBudgetLasts()
    {
        var time = new FakeTimeProvider();
        await using var aws = await AwsUnderTest.StartAsync(attempt => attempt < 6 ? Throttle : NoImages, time: time);

        var images = await FakeClock.RunAsync(time, () => aws.Ecr.DescribeImagesAsync("care/api", Cancellation));

        Assert.Empty(images);
        Assert.Equal(7, aws.Listener.Requests.Count);
    }

    [Fact]
    public async Task GivesUpOnThrottlingOnceTheBudgetIsSpentSayingHowLongAndHowOften()
    {
        var time = new FakeTimeProvider();
        var started = time.GetUtcNow();
        await using var aws = await AwsUnderTest.StartAsync(_ => Throttle, new AwsCallOptions { ThrottleBudgetSeconds = 30 }, time);

        var error = await Assert.ThrowsAsync<AwsException>(() => FakeClock.RunAsync(time, () => aws.Ecr.DescribeImagesAsync("care/api", Cancellation)));

        Assert.True(error.IsThrottling);
        Assert.Contains($"still throttled after {aws.Listener.Requests.Count} attempts in ", error.Message);
        Assert.Contains("Curator:Aws:ThrottleBudgetSeconds is 30", error.Message);
        // The fake clock also moves on while a request is on the wire, so the end may pass the budget by a few seconds.
        Assert.InRange(time.GetUtcNow() - started, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(45));
        Assert.InRange(aws.Listener.Requests.Count, 4, 30);
    }

    [Fact]
    public async Task CountsMaxAttemptsOnlyOnErrorsOtherThanThrottling()
    {
        var time = new FakeTimeProvider();
        await using var aws = await AwsUnderTest.StartAsync(attempt => attempt % 2 == 0 ? Throttle : ServerError, new AwsCallOptions { MaxAttempts = 3 }, time);

        var error = await Assert.ThrowsAsync<AwsException>(() => FakeClock.RunAsync(time, () => aws.Ecr.DescribeImagesAsync("care/api", Cancellation)));

        Assert.Equal("ServerException", error.Code);
        Assert.Equal(6, aws.Listener.Requests.Count);
    }

    [Fact]
    public async Task SlowsTheServiceThatIsThrottledInThatAccountRegionOnly()
    {
        var time = new FakeTimeProvider();
        await using var aws = await AwsUnderTest.StartAsync(attempt => attempt is >= 10 and < 13 ? Throttle : NoImages, time: time);

        await FakeClock.RunAsync(time, async () =>
        {
            for (var i = 0; i < 11; i++)
            {
                await aws.Ecr.DescribeImagesAsync("care/api", Cancellation);
            }
        });

        Assert.NotNull(aws.Connections.Rate(AwsUnderTest.Target, AwsService.Ecr).Rate);
        Assert.Null(aws.Connections.Rate(AwsUnderTest.Target, AwsService.Ecs).Rate);
        Assert.Null(aws.Connections.Rate(AwsUnderTest.Target with { Region = "us-west-2" }, AwsService.Ecr).Rate);
        Assert.Same(
            aws.Connections.Rate(AwsUnderTest.Target, AwsService.Ecr),
            aws.Connections.Rate(AwsUnderTest.Target with { RoleArn = "arn:aws:iam::111111111111:role/other" }, AwsService.Ecr));
    }

    [Fact]
    public async Task ReportsAnHtmlPageWithItsStatusAndTheStartOfItsText()
    {
        const string Page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        await using var aws = await AwsUnderTest.StartAsync(
            _ => new CannedResponse(502, Page, new Dictionary<string, string> { ["Content-Type"] = "text/html" }), new AwsCallOptions { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<AwsException>(() => aws.Ecs.ListClustersAsync(Cancellation));

        Assert.Equal(502, error.Status);
        Assert.Contains("ecs:ListClusters failed in account 111111111111 (us-east-1) with a server error (Http502, HTTP 502).", error.Message);
        Assert.Contains("The answer (HTTP 502, text/html) was not AWS's JSON: \"502 Bad Gateway 502 Bad Gateway nginx\"", error.Message);
        Assert.DoesNotContain("AWS said:", error.Message);
    }

    [Theory]
    [InlineData(500, "")]
    [InlineData(503, "   ")]
    public async Task SaysThatAnErrorAnswerHadNoBody(int status, string body)
    {
        await using var aws = await AwsUnderTest.StartAsync(_ => new CannedResponse(status, body), new AwsCallOptions { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<AwsException>(() => aws.Ecs.ListClustersAsync(Cancellation));

        Assert.EndsWith($"The answer (HTTP {status}) had no body.", error.Message);
    }

    [Fact]
    public async Task ShortensALongPageToItsStart()
    {
        var page = "<html><body><p>" + string.Concat(Enumerable.Repeat("Service temporarily unavailable. ", 40)) + "</p></body></html>";
        await using var aws = await AwsUnderTest.StartAsync(
            _ => new CannedResponse(503, page, new Dictionary<string, string> { ["Content-Type"] = "text/html" }), new AwsCallOptions { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<AwsException>(() => aws.Ecs.ListClustersAsync(Cancellation));

        var quoted = error.Message[(error.Message.IndexOf("JSON: \"", StringComparison.Ordinal) + 7)..].TrimEnd('"');
        Assert.StartsWith("Service temporarily unavailable. Service", quoted);
        Assert.EndsWith("…", quoted);
        Assert.InRange(quoted.Length, 100, 161);
    }

    [Fact]
    public async Task ReadsAJsonErrorWithoutAMessageAsItsCodeAndStatus()
    {
        await using var aws = await AwsUnderTest.StartAsync(_ => new CannedResponse(400, """{"__type":"InvalidParameterException"}"""));

        var error = await Assert.ThrowsAsync<AwsException>(() => aws.Ecs.ListClustersAsync(Cancellation));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Contains("ecs:ListClusters failed in account 111111111111 (us-east-1): InvalidParameterException (HTTP 400).", error.Message);
        Assert.DoesNotContain("AWS said:", error.Message);
    }
}
