using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Features.Plan;

/// <summary><c>plan --json</c> says whether usage was read completely and, if not, which source failed and why (SPEC 8).</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class PlanIncompleteJsonTests
{
    [Fact]
    public async Task SaysItIsCompleteWhenEveryUsageSourceWasRead()
    {
        await using var simulator = await Simulator.StartAsync(CrossAccountWorld.Create());

        var run = PlanRun.Of(["plan", "--json", "--now", PlanRun.Now, .. CrossAccountWorld.Configuration]);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.True(run.Json.GetProperty("complete").GetBoolean());
        Assert.Empty(run.Json.GetProperty("incomplete").EnumerateArray());
    }

    [Fact]
    public async Task NamesTheSourceThatFailedAndWhyAndMarksWhatItKeepsOnlyForThatUnverified()
    {
        await using var simulator = await Simulator.StartAsync(CrossAccountWorld.Create());
        await simulator.InjectAsync(new { kind = "access-denied", accountId = CrossAccountWorld.Other, operation = "ecs:ListTasks" });

        var run = PlanRun.Of(["plan", "--json", "--now", PlanRun.Now, .. CrossAccountWorld.Configuration]);

        Assert.Equal(1, run.ExitCode);
        Assert.False(run.Json.GetProperty("complete").GetBoolean());
        var incomplete = Assert.Single(run.Json.GetProperty("incomplete").EnumerateArray());
        Assert.Equal(["source", "reason"], incomplete.EnumerateObject().Select(property => property.Name));
        Assert.Equal($"{CrossAccountWorld.Other}/ap-northeast-1", incomplete.GetProperty("source").GetString());
        Assert.StartsWith($"Access denied: account {CrossAccountWorld.Other} (ap-northeast-1, role arn:aws:iam::{CrossAccountWorld.Other}:role/ecr-curator) does not allow ecs:ListTasks.", incomplete.GetProperty("reason").GetString());
        var images = PlanExpectations.Images(run, "shared/base");
        Assert.Equal("keep: outside-window, unverified", images[CrossAccountWorld.RunNowhere].Verdict);
        Assert.Equal("keep: outside-window, unverified", images[CrossAccountWorld.RunElsewhere].Verdict);
        Assert.Equal("keep: in-window", images[CrossAccountWorld.Newest].Verdict);
    }

    [Fact]
    public async Task ReportsAProxysHtmlPageWithItsStatusAndTheStartOfItsText()
    {
        await using var simulator = await Simulator.StartAsync(CrossAccountWorld.Create());
        await simulator.InjectAsync(new { kind = "html-error", accountId = CrossAccountWorld.Other, operation = "ecs:ListClusters" });

        var run = PlanRun.Of(["plan", "--json", "--now", PlanRun.Now, .. CrossAccountWorld.Configuration, "--Curator:Aws:MaxAttempts=1"]);

        Assert.Equal(1, run.ExitCode);
        var reason = Assert.Single(run.Json.GetProperty("incomplete").EnumerateArray()).GetProperty("reason").GetString();
        Assert.Contains("ecs:ListClusters failed in account 222222222222", reason);
        Assert.Contains("(Http502, HTTP 502). The answer (HTTP 502, text/html) was not AWS's JSON: \"502 Bad Gateway 502 Bad Gateway nginx\"", reason);
        Assert.DoesNotContain("AWS said:", reason);
        Assert.DoesNotContain("AWS said:", run.Errors);
    }
}
