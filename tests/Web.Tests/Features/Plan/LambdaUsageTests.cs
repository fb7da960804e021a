using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;

namespace EcrCurator.Web.Tests.Features.Plan;

/// <summary>
/// SPEC 3.2 for Lambda, through the real AWS clients against the simulator serving the <c>lambda</c> example world:
/// <c>img/resize</c> run by the versions of function <c>resize</c> (56 of them, past one page) and <c>img/thumb</c> by
/// function <c>thumb</c> in another account, beside a Zip function. In the AWS environment collection: its tests set
/// the process's AWS environment.
/// </summary>
[Collection(AwsEnvironmentCollection.Name)]
public class LambdaUsageTests
{
    private static readonly string[] Plan = ["plan", "--json", "--now", PlanRun.Now, .. PlanRun.ConfigurationOf("lambda")];

    /// <summary>The digest the world gives the image <paramref name="name"/>: the SHA-256 of <c>lambda/NAME</c>.</summary>
    private static string Digest(string name) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("lambda/" + name)));

    private static Task<Simulator> StartAsync() => Simulator.StartAsync(WorldFile.Read(PlanRun.World("lambda")));

    [Fact]
    public async Task KeepsAnImageOnlyALambdaVersionRunsAfterItsTagMovedThroughItsResolvedImageUri()
    {
        await using var simulator = await StartAsync();

        var run = PlanRun.Of(Plan);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(new PlanExpectations.ImageOutcome("keep", ["in-use", "outside-window", "untagged"]), PlanExpectations.Images(run, "img/resize")[Digest("old-latest")], Same);
    }

    [Fact]
    public async Task KeepsTheImageALambdaVersionsImageUriTagPointsToNow()
    {
        await using var simulator = await StartAsync();

        var run = PlanRun.Of(Plan);

        Assert.True(run.ExitCode == 0, run.Errors);
        var images = PlanExpectations.Images(run, "img/resize");
        Assert.Equal(["in-use", "outside-window"], images[Digest("stable")].Reasons);
        Assert.Equal(["in-use", "outside-window", "untagged"], images[Digest("stable-before")].Reasons);
    }

    [Fact]
    public async Task AZipFunctionProtectsNothingAndItsCodeIsNeverRead()
    {
        await using var simulator = await StartAsync();

        var run = PlanRun.Of(Plan);

        Assert.True(run.ExitCode == 0, run.Errors);
        PlanExpectations.AssertMatches("lambda", run);
        Assert.Equal("delete", PlanExpectations.Images(run, "img/resize")[Digest("zip-era")].Decision);
        Assert.Equal(56 + 1, await simulator.CallsAsync("lambda:GetFunction")); // resize's versions and thumb's $LATEST; hook's none
        Assert.Equal(2, await simulator.CallsAsync("lambda:ListAliases")); // resize and thumb
    }

    [Fact]
    public async Task ProtectsTheRegistrysImageThatAFunctionInAnotherAccountRuns()
    {
        await using var simulator = await StartAsync();

        var run = PlanRun.Of(Plan);

        Assert.True(run.ExitCode == 0, run.Errors);
        var images = PlanExpectations.Images(run, "img/thumb");
        Assert.Equal(["in-use", "outside-window", "untagged"], images[Digest("t-cross")].Reasons);
        Assert.Equal("delete", images[Digest("t-old")].Decision);
    }

    [Fact]
    public async Task CountsTheVersionsPastTheFirstPage()
    {
        await using var simulator = await StartAsync();

        var run = PlanRun.Of(Plan);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal("keep", PlanExpectations.Images(run, "img/resize")[Digest("page-two")].Decision);
        Assert.Equal(2 + 1, await simulator.CallsAsync("lambda:ListFunctions")); // two pages in the registry's account, one in thumb's
    }

    [Fact]
    public async Task DeletesNothingAndSaysWhyWhenLambdaCannotBeRead()
    {
        await using var simulator = await StartAsync();
        await simulator.InjectAsync(new { kind = "access-denied", accountId = "111111111111", operation = "lambda:ListFunctions" });

        var run = PlanRun.Of(Plan);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Usage source 111111111111/ap-northeast-1 could not be read completely: Lambda functions could not be read: Access denied", run.Errors);
        Assert.Contains("lambda:ListFunctions", run.Errors);
        Assert.Contains("Curator:Usage:Lambda", run.Errors);
        Assert.All(PlanExpectations.Images(run, "img/resize").Values, image => Assert.Equal("keep", image.Decision));
        Assert.All(PlanExpectations.Images(run, "img/thumb").Values, image => Assert.Equal("keep", image.Decision));
    }

    [Fact]
    public async Task DeletesNothingWhenLambdaThrottlesPastTheRetries()
    {
        await using var simulator = await StartAsync();
        await simulator.InjectAsync(new { kind = "throttle", accountId = "222222222222", operation = "lambda:GetFunction" });

        var run = PlanRun.Of(Plan);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Usage source 222222222222/ap-northeast-1 could not be read completely", run.Errors);
        Assert.Contains("TooManyRequestsException", run.Errors);
        Assert.All(PlanExpectations.Images(run, "img/resize").Values, image => Assert.Equal("keep", image.Decision));
    }

    [Fact]
    public async Task ReadsNoLambdaFunctionWhenTurnedOffAndSaysSo()
    {
        await using var simulator = await StartAsync();

        var run = PlanRun.Of([.. Plan, "--Curator:Usage:Lambda=false"]);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("Lambda functions were not read (Curator:Usage:Lambda is false)", run.Errors);
        Assert.Equal("delete", PlanExpectations.Images(run, "img/resize")[Digest("page-two")].Decision);
        Assert.Equal(0, await simulator.CallsAsync("lambda:ListFunctions"));
    }

    private static bool Same(PlanExpectations.ImageOutcome expected, PlanExpectations.ImageOutcome actual) =>
        expected.Decision == actual.Decision && expected.Reasons.SequenceEqual(actual.Reasons);
}
