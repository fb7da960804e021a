using System.Text.Json;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;

namespace EcrCurator.Web.Tests.Features.Plan;

/// <summary>
/// <c>plan</c> through the real AWS clients against the simulator. One class, so that its tests (which set the
/// process's AWS environment) run one at a time.
/// </summary>
[Collection(AwsEnvironmentCollection.Name)]
public class PlanAgainstAwsTests
{
    [Theory]
    [MemberData(nameof(PlanCommandTests.ExampleWorlds), MemberType = typeof(PlanCommandTests))]
    public async Task DecidesEveryExampleWorldServedOverAwsAsItsExpectedJsonSays(string name)
    {
        await using var simulator = await Simulator.StartAsync(WorldFile.Read(PlanRun.World(name)));

        var run = PlanRun.Of(["plan", "--json", "--now", PlanRun.Now, .. PlanRun.ConfigurationOf(name)]);

        Assert.True(run.ExitCode == 0, run.Errors);
        PlanExpectations.AssertMatches(name, run);
    }

    [Fact]
    public async Task ReadsEachRepositorysLifecyclePolicyOverAwsAndFindsWhatAWorldFileGives()
    {
        await using var simulator = await Simulator.StartAsync(WorldFile.Read(PlanRun.World("lifecycle-danger")));

        var run = PlanRun.Of("plan", "--json", "--now", PlanRun.Now);
        var fromFile = PlanRun.Of("plan", "--world", PlanRun.World("lifecycle-danger"), "--json", "--now", PlanRun.Now);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(LifecycleFindings(fromFile), LifecycleFindings(run));
        Assert.Contains("\"in-use\"", LifecycleFindings(run), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableLifecyclePolicyIsAFindingNotAFailure()
    {
        await using var simulator = await Simulator.StartAsync(WorldFile.Read(PlanRun.World("lifecycle-danger")));
        await simulator.InjectAsync(new { kind = "access-denied", operation = "ecr:GetLifecyclePolicy" });

        var run = PlanRun.Of("plan", "--json", "--now", PlanRun.Now);

        Assert.True(run.ExitCode == 0, run.Errors);
        PlanExpectations.AssertMatches("lifecycle-danger", run);
        Assert.All(run.Json.GetProperty("repositories").EnumerateArray(), repository =>
            Assert.Contains("ecr:GetLifecyclePolicy", Assert.Single(repository.GetProperty("lifecycleFindings").EnumerateArray()).GetProperty("policyUnreadable").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProtectsAnImageThatATaskInAnotherAccountRunsThroughAnAssumedRole()
    {
        await using var simulator = await Simulator.StartAsync(CrossAccountWorld.Create());

        var run = PlanRun.Of(["plan", "--json", "--now", PlanRun.Now, .. CrossAccountWorld.Configuration]);

        Assert.True(run.ExitCode == 0, run.Errors);
        var images = PlanExpectations.Images(run, "shared/base");
        Assert.Equal("keep", images[CrossAccountWorld.RunElsewhere].Decision);
        Assert.Equal(["in-use", "outside-window"], images[CrossAccountWorld.RunElsewhere].Reasons);
        Assert.Equal("delete", images[CrossAccountWorld.RunNowhere].Decision);
    }

    [Fact]
    public async Task ExitsOneAndDeletesNothingWhenAUsageSourceIsDenied()
    {
        await using var simulator = await Simulator.StartAsync(CrossAccountWorld.Create());
        await simulator.InjectAsync(new { kind = "access-denied", accountId = CrossAccountWorld.Other, operation = "ecs:ListTasks" });

        var run = PlanRun.Of(["plan", "--json", "--now", PlanRun.Now, .. CrossAccountWorld.Configuration]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Usage source {CrossAccountWorld.Other}/ap-northeast-1 could not be read completely", run.Errors);
        Assert.Contains("ecs:ListTasks", run.Errors);
        Assert.All(PlanExpectations.Images(run, "shared/base").Values, image => Assert.Equal("keep", image.Decision));
    }

    [Fact]
    public async Task RetriesThrottlingAndStillReadsEverything()
    {
        await using var simulator = await Simulator.StartAsync(WorldFile.Read(PlanRun.World("seed-table")));
        await simulator.InjectAsync(new { kind = "throttle", operation = "ecr:DescribeImages", count = 2 });

        var run = PlanRun.Of("plan", "--json", "--now", PlanRun.Now);

        Assert.True(run.ExitCode == 0, run.Errors);
        PlanExpectations.AssertMatches("seed-table", run);
    }

    [Fact]
    public async Task LeavesOutARegistryThatCannotBeReadButDecidesTheOthers()
    {
        await using var simulator = await Simulator.StartAsync(CrossAccountWorld.Create());
        await simulator.InjectAsync(new { kind = "access-denied", accountId = CrossAccountWorld.Other, operation = "ecr:DescribeRepositories" });

        var run = PlanRun.Of(["plan", "--json", "--now", PlanRun.Now, .. CrossAccountWorld.Configuration, .. CrossAccountWorld.OtherAsRegistry]);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains($"Registry {CrossAccountWorld.Other}/ap-northeast-1 is left out: Access denied", run.Errors);
        Assert.Contains("ecr:DescribeRepositories", run.Errors);
        Assert.Equal("delete", PlanExpectations.Images(run, "shared/base")[CrossAccountWorld.RunNowhere].Decision);
    }

    [Fact]
    public async Task CallsOnlyWhatTheReadOnlyIamPolicyGrants()
    {
        await using var simulator = await Simulator.StartAsync(CrossAccountWorld.Create());

        var run = PlanRun.Of(["plan", "--json", "--now", PlanRun.Now, .. CrossAccountWorld.Configuration, .. CrossAccountWorld.OtherAsRegistry, "--Curator:Policy:KeepRollbackRevisions=2"]);

        Assert.True(run.ExitCode == 0, run.Errors);
        using var policy = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "iam-policy.json")));
        var granted = policy.RootElement.GetProperty("ReadOnly").GetProperty("Statement").EnumerateArray()
            .SelectMany(statement => statement.GetProperty("Action") is { ValueKind: JsonValueKind.Array } actions
                ? actions.EnumerateArray().Select(action => action.GetString()!)
                : [statement.GetProperty("Action").GetString()!])
            .ToHashSet();
        var called = (await simulator.OperationsCalledAsync()).Where(operation => operation != "sts:GetCallerIdentity").ToList();
        Assert.Contains("sts:AssumeRole", called);
        Assert.Contains("ecs:ListTaskDefinitions", called);
        Assert.All(called, operation => Assert.Contains(operation, granted));
        Assert.DoesNotContain("ecr:BatchDeleteImage", granted);
    }

    [Fact]
    public async Task SaysInOneLineThatNoCredentialsWereFound()
    {
        var saved = new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED" }
            .ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
            Environment.SetEnvironmentVariable("AWS_PROFILE", null);
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", "/nonexistent/config");
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

            var run = await Task.Run(() => PlanRun.Of(["plan", .. CrossAccountWorld.Configuration]), TestContext.Current.CancellationToken);

            Assert.Equal(2, run.ExitCode);
            Assert.Equal("No AWS credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with a task or instance role.", run.Errors.Trim());
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public async Task SaysWhichEndpointCannotBeReachedAndDeletesNothing()
    {
        Simulator.PointAwsAt(new Uri("http://127.0.0.1:9"));

        var run = await Task.Run(() => PlanRun.Of(["plan", "--json", .. CrossAccountWorld.Configuration, "--Curator:Aws:MaxAttempts=1"]), TestContext.Current.CancellationToken);

        Simulator.PointAwsAt(null);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Cannot reach http://127.0.0.1:9/ (ecs) for account 111111111111 (ap-northeast-1)", run.Errors);
        Assert.Contains($"Registry {CrossAccountWorld.Registry}/ap-northeast-1 is left out: Cannot reach", run.Errors);
        Assert.DoesNotContain("   at ", run.Errors);
    }

    [Fact]
    public async Task DecidesARepositoryWhoseArchivedIndexCannotBeReadImageByImageKeepingWhatCouldBeItsChildren()
    {
        var world = WorldFile.Read(PlanRun.World("multi-arch"));
        var account = world.Accounts[0];
        var repository = account.Repositories[0];
        world = world with
        {
            Accounts = [account with { Repositories = [repository with { Images = [.. repository.Images.Select(image => image.Tags.Contains("v9") ? image with { ImageStatus = "ARCHIVED" } : image)] }] }],
        };
        await using var simulator = await Simulator.StartAsync(world);

        var run = PlanRun.Of("plan", "--json", "--now", PlanRun.Now);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.DoesNotContain("left out", run.Errors);
        var images = run.Json.GetProperty("repositories").EnumerateArray().Single().GetProperty("images").EnumerateArray()
            .ToDictionary(image => image.GetProperty("digest").GetString()![..15], image => (image.GetProperty("decision").GetString(), string.Join(",", image.GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString()))));
        Assert.Equal(("keep", "in-window"), images["sha256:6ff70225"]); // the archived index: its children are unknown, what could be one is kept
        Assert.Equal(("keep", "in-window,index-child,untagged"), images["sha256:d978146f"]);
        Assert.Equal(("keep", "index-child,outside-window,untagged"), images["sha256:f4619e9b"]);
        Assert.All(images.Values, image => Assert.Equal("keep", image.Item1));
    }

    private static string LifecycleFindings(PlanRun run) =>
        string.Join("\n", run.Json.GetProperty("repositories").EnumerateArray()
            .Select(repository => $"{repository.GetProperty("name").GetString()} {JsonSerializer.Serialize(repository.GetProperty("lifecycleFindings"))}"));
}
