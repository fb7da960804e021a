using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Features.Plan;

/// <summary><c>plan</c> with a database takes the usage reports and expected reporters stored there.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class ReportedUsagePlanTests
{
    private const string Untagged = "sha256:3cea7c6c094575ebf0134caf3663c05ac9db2dce9af2cd2d2fb94750fa37cf30";

    [Fact]
    public async Task PlanKeepsAReportedImageAndIsIncompleteWhileAnExpectedReporterIsSilent()
    {
        var database = await WebTestDatabase.FreshAsync("curator_web_plan_reports");
        Assert.Equal(0, (await Task.Run(() => PlanRun.Of("migrate", $"--ConnectionStrings:Curator={database}"), TestContext.Current.CancellationToken)).ExitCode);
        await WebTestDatabase.ExecuteAsync(database, $"""
            INSERT INTO usage_reports (source, images, received_at, expires_at, reported_by)
            VALUES ('ci', ARRAY['111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/care/api@{Untagged}'], '2026-11-27T00:00:00Z', '2026-11-29T00:00:00Z', 'token:ci')
            """);

        var kept = Plan(database);
        await WebTestDatabase.ExecuteAsync(database, "INSERT INTO expected_reporters (source, max_age, created_by, created_at) VALUES ('eks/prod', interval '2 hours', 'alice', now())");
        var silent = Plan(database);

        Assert.Equal(0, kept.ExitCode);
        var image = kept.Json.GetProperty("repositories")[0].GetProperty("images").EnumerateArray().Single(each => each.GetProperty("digest").GetString() == Untagged);
        Assert.Equal("keep", image.GetProperty("decision").GetString());
        Assert.Contains("in-use", image.GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString()));
        Assert.Equal(1, silent.ExitCode);
        Assert.Contains("Expected reporter eks/prod has never sent a usage report", silent.Errors, StringComparison.Ordinal);
    }

    private static PlanRun Plan(string database) =>
        PlanRun.Of("plan", "--world", PlanRun.World("seed-table"), "--json", "--now", "2026-11-28T00:00:00Z", $"--ConnectionStrings:Curator={database}");
}
