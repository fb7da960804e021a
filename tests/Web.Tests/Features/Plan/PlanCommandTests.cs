using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Features.Plan;

public class PlanCommandTests
{
    public static TheoryData<string> ExampleWorlds =>
        ["seed-table", "moved-latest", "deployment-digest", "dormant-repo", "multi-arch", "attachments", "policy-example", "lambda", "lifecycle-danger"];

    [Theory]
    [MemberData(nameof(ExampleWorlds))]
    public void PrintsEveryExampleWorldsDecisionsAsItsExpectedJsonSays(string name)
    {
        var run = PlanRun.Of(["plan", "--world", PlanRun.World(name), "--json", "--now", PlanRun.Now, .. PlanRun.ConfigurationOf(name)]);

        Assert.True(run.ExitCode == 0, run.Errors);
        PlanExpectations.AssertMatches(name, run);
    }

    [Fact]
    public void WritesTheJsonShapeOfSpecSectionEight()
    {
        var run = PlanRun.Of("plan", "--world", PlanRun.World("seed-table"), "--json", "--now", "2026-11-27T01:00:00Z");

        Assert.Equal(["generatedAt", "complete", "incomplete", "repositories"], run.Json.EnumerateObject().Select(property => property.Name));
        Assert.Equal("2026-11-27T01:00:00Z", run.Json.GetProperty("generatedAt").GetString());
        Assert.True(run.Json.GetProperty("complete").GetBoolean());
        Assert.Empty(run.Json.GetProperty("incomplete").EnumerateArray());
        var repository = Assert.Single(run.Json.GetProperty("repositories").EnumerateArray());
        Assert.Equal(["accountId", "region", "name", "team", "imageBytes", "candidateBytes", "reclaimableBytes", "images", "lifecycleFindings"],
            repository.EnumerateObject().Select(property => property.Name));
        Assert.Equal("care", repository.GetProperty("team").GetString());
        Assert.Equal(250_000_000, repository.GetProperty("imageBytes").GetInt64());
        Assert.Equal(100_000_000, repository.GetProperty("candidateBytes").GetInt64());
        Assert.Equal(50_000_000, repository.GetProperty("reclaimableBytes").GetInt64()); // the shared base layer stays
        var images = repository.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(["digest", "tags", "pushedAt", "sizeBytes", "decision", "reasons"], images[0].EnumerateObject().Select(property => property.Name));
        Assert.Equal(["v6", "latest"], images[0].GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal("2026-11-20T00:00:00Z", images[0].GetProperty("pushedAt").GetString());
        var pushed = images.Select(image => image.GetProperty("pushedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(pushed.OrderDescending(), pushed);
    }

    [Fact]
    public void LimitsThePlanToTheRepositoryNamed()
    {
        var run = PlanRun.Of("plan", "--world", PlanRun.World("policy-example"), "--json", "--repository", "ops/cron");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("ops/cron", Assert.Single(run.Json.GetProperty("repositories").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public void PrintsATableOfDecisionsPerTeamWithTotals()
    {
        var run = PlanRun.Of(["plan", "--world", PlanRun.World("policy-example"), "--now", PlanRun.Now, .. PlanRun.ConfigurationOf("policy-example")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("== team ops", run.Output);
        Assert.Contains("== team web", run.Output);
        Assert.Contains("kept-tag-pattern outside-window", run.Output);
        Assert.Contains("Total: 2 repositories, 8 images, 0.373 GiB; delete 2: 0.093 GiB by image size (0.01 USD/month)", run.Output);
    }
}
