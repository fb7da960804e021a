namespace EcrCurator.Web.Tests.Features.Plan;

public class PlanCommandInputTests
{
    [Fact]
    public void RefusesANegativeWindowNamingTheKey()
    {
        var run = PlanRun.Of("plan", "--world", PlanRun.World("seed-table"), "--Curator:Policy:WindowDays=-1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Curator:Policy:WindowDays cannot be negative", run.Errors);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void RefusesAMisspeltPolicySettingNamingTheKey()
    {
        var run = PlanRun.Of("plan", "--world", PlanRun.World("seed-table"), "--Curator:TeamPolicies:0:Team=care", "--Curator:TeamPolicies:0:KeepNewst=5");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Curator:TeamPolicies:0:KeepNewst is not a setting", run.Errors);
    }

    [Fact]
    public void RefusesASettingOfTheWrongTypeNamingTheKey()
    {
        var run = PlanRun.Of("plan", "--world", PlanRun.World("seed-table"), "--Curator:Policy:Mode=Sometimes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Curator:Policy:Mode", run.Errors);
    }

    [Fact]
    public void RefusesALambdaSettingThatIsNeitherTrueNorFalseNamingTheKey()
    {
        var run = PlanRun.Of("plan", "--world", PlanRun.World("lambda"), "--Curator:Usage:Lambda=sometimes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Curator:Usage:Lambda", run.Errors);
    }

    [Fact]
    public void RefusesATeamPolicyWithoutATeam()
    {
        var run = PlanRun.Of("plan", "--world", PlanRun.World("seed-table"), "--Curator:TeamPolicies:0:KeepNewest=5");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Curator:TeamPolicies:0:Team is required", run.Errors);
    }

    [Fact]
    public void RefusesAMalformedWorldNamingTheLine()
    {
        var world = Path.Combine(Path.GetTempPath(), $"malformed-{Guid.NewGuid():N}.world.json");
        File.WriteAllText(world, "{\n  \"accounts\": [\n    { \"accountId\": \"111111111111\", \"region\": \"ap-northeast-1\",\n      \"repositories\": [ { \"name\": \"a\", \"images\": [ { \"digest\": \"sha256:nope\", \"pushedAt\": \"2026-01-01T00:00:00Z\" } ] } ] }\n  ]\n}\n");
        try
        {
            var run = PlanRun.Of("plan", "--world", world);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"{world} line 4:", run.Errors);
            Assert.Contains("'sha256:nope' is not a digest", run.Errors);
        }
        finally
        {
            File.Delete(world);
        }
    }

    [Fact]
    public void RefusesAWorldFileThatDoesNotExist()
    {
        var run = PlanRun.Of("plan", "--world", "/nonexistent/world.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/nonexistent/world.json", run.Errors);
    }

    [Fact]
    public void RefusesARepositoryThatIsNotCurated()
    {
        var run = PlanRun.Of("plan", "--world", PlanRun.World("seed-table"), "--repository", "nope/nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("No curated repository is named 'nope/nope'", run.Errors);
    }

    [Fact]
    public void ExplainsTheVerbsWhenAnUnknownOneIsGiven()
    {
        var run = PlanRun.Of("nonsense");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage:", run.Errors);
    }
}
