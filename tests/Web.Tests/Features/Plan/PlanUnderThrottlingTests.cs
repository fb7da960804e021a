using System.Net.Http.Json;
using System.Text.Json;
using EcrCurator.AwsSimulator.Generation;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Features.Plan;

/// <summary>
/// <c>plan</c> against the simulator while AWS throttles: the reads slow down and complete, and decide as they do
/// without throttling.
/// </summary>
[Collection(AwsEnvironmentCollection.Name)]
public class PlanUnderThrottlingTests
{
    private static readonly GeneratorSettings World = DashboardApp.SmallWorld with { Repositories = 20, Services = 16, CrossAccountShare = 0.3 };

    private static readonly string[] Arguments =
    [
        "plan", "--json", "--now", PlanRun.Now,
        $"--Curator:Registries:0:AccountId={World.RegistryAccount}", $"--Curator:Registries:0:Region={World.Region}",
        $"--Curator:UsageSources:0:AccountId={World.WorkloadAccount}", $"--Curator:UsageSources:0:Region={World.Region}",
        $"--Curator:UsageSources:0:RoleArn=arn:aws:iam::{World.WorkloadAccount}:role/ecr-curator",
        "--Curator:Policy:KeepRollbackRevisions=2",
    ];

    [Fact]
    public async Task DecidesAsWithoutThrottlingWhenThirtyPercentOfEveryCallIsThrottled()
    {
        await using var simulator = await Simulator.StartAsync(WorldGenerator.Generate(World), World);
        var calm = PlanRun.Of(Arguments);
        Assert.True(calm.ExitCode == 0, calm.Errors);
        await simulator.Control.DeleteAsync("requests", TestContext.Current.CancellationToken);
        await simulator.InjectAsync(new { kind = "throttle", probability = 0.3, seed = 7 });

        var throttled = PlanRun.Of(Arguments);

        Assert.True(throttled.ExitCode == 0, throttled.Errors);
        Assert.Equal(Repositories(calm), Repositories(throttled));
        var counts = await simulator.Control.GetFromJsonAsync<List<RequestCount>>("requests", TestContext.Current.CancellationToken);
        var errors = counts!.Sum(count => count.Errors);
        Assert.True(errors > counts!.Sum(count => count.Requests) / 5, $"only {errors} of {counts!.Sum(count => count.Requests)} calls were throttled");
        Assert.Contains(counts!, count => count.Key.EndsWith("ecs:DescribeTaskDefinition", StringComparison.Ordinal) && count.Errors > 0);
    }

    private static string Repositories(PlanRun run) => run.Json.GetProperty("repositories").GetRawText();

    private sealed record RequestCount(string Key, int Requests, int Errors);
}
