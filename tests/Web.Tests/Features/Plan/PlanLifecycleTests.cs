using System.Text.Json;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;

namespace EcrCurator.Web.Tests.Features.Plan;

/// <summary>SPEC 12 in <c>plan</c>: each repository's <c>lifecycleFindings</c> in the JSON, and a line per finding in the table.</summary>
public class PlanLifecycleTests
{
    private const string PinnedByAServiceScaledToZero = "sha256:2931ad58a2f279b9747a836d82c5dd2feaf7f6fbbea9c12f20940b2bff8b92e8";
    private const string OldUntaggedWorker = "sha256:e6735348e0ba74d2b7dc7ecd1667a68ba54afb19f077efbda2d1a46fb1d1822f";

    [Fact]
    public void FindsTheDangerOfAKeepLastNPolicyExpiringTheDigestAServiceScaledToZeroIsPinnedTo()
    {
        var run = PlanRun.Of("plan", "--world", PlanRun.World("lifecycle-danger"), "--json", "--now", PlanRun.Now);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(
            $$"""[{"rule":1,"digest":"{{PinnedByAServiceScaledToZero}}","action":"expire","danger":["in-use"]}]""",
            Findings(run, "care/api"));
        Assert.Equal($$"""[{"rule":1,"digest":"{{OldUntaggedWorker}}","action":"expire","danger":[]}]""", Findings(run, "care/worker"));
    }

    [Fact]
    public void GivesARepositoryWithoutAPolicyNoFindings()
    {
        var run = PlanRun.Of("plan", "--world", PlanRun.World("seed-table"), "--json", "--now", PlanRun.Now);

        Assert.Equal("[]", Findings(run, "care/api"));
    }

    [Fact]
    public void PrintsALinePerLifecycleFindingInTheTable()
    {
        var run = PlanRun.Of("plan", "--world", PlanRun.World("lifecycle-danger"), "--now", PlanRun.Now);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            $"lifecycle-danger  rule 1 would expire {PinnedByAServiceScaledToZero[..19]}, which is kept: in-use (111111111111/ap-northeast-1/prod/service/care-api (care-api:7))",
            run.Output);
        Assert.Contains($"lifecycle  rule 1 would expire {OldUntaggedWorker[..19]}, which is also proposed for deletion", run.Output);
    }

    [Fact]
    public void SaysWhatInAPolicyItDoesNotUnderstandInsteadOfGuessing()
    {
        var world = WorldFile.Read(PlanRun.World("lifecycle-danger"));
        var account = world.Accounts[0];
        var policy = account.Repositories[0].LifecyclePolicy!.Replace("imageCountMoreThan", "imageCountLessThan", StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"lifecycle-{Guid.NewGuid():N}.world.json");
        using (var stream = File.Create(file))
        {
            WorldFile.Write(world with { Accounts = [account with { Repositories = [account.Repositories[0] with { LifecyclePolicy = policy }, .. account.Repositories.Skip(1)] }] }, stream);
        }

        try
        {
            var run = PlanRun.Of("plan", "--world", file, "--json", "--now", PlanRun.Now);
            var table = PlanRun.Of("plan", "--world", file, "--now", PlanRun.Now);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(
                """[{"notUnderstood":"the rule of priority 1: countType \u0027imageCountLessThan\u0027 is not one of imageCountMoreThan, sinceImagePushed, sinceImagePulled, sinceImageTransitioned"}]""",
                Findings(run, "care/api"));
            Assert.Contains("LIFECYCLE policy not understood, so not evaluated: the rule of priority 1: countType 'imageCountLessThan'", table.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Findings(PlanRun run, string repository) =>
        JsonSerializer.Serialize(run.Json.GetProperty("repositories").EnumerateArray()
            .Single(candidate => candidate.GetProperty("name").GetString() == repository)
            .GetProperty("lifecycleFindings"));
}
