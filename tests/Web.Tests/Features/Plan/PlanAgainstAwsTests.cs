using System.Text.Json;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;

namespace EcrCurator.Web.Tests.Features.Plan;

/// <summary>
/// <c>plan</c> through the real AWS clients against the simulator. One class, so that its tests (which set the
/// process's AWS environment) run one at a time.
/// </summary>
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
}
