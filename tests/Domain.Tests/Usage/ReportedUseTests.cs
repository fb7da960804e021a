using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Usage;

/// <summary>SPEC 3.2: every image of an unexpired usage report is in use, at <c>report:SOURCE</c>.</summary>
public class ReportedUseTests
{
    private static InventoryBuilder Cluster() => new InventoryBuilder()
        .Repository("care/api", r => r.Image("new", DaysAgo(0), i => i.Tagged("latest", "v2")).Untagged("old", DaysAgo(40)).Image("v1", DaysAgo(50), i => i.Tagged("v1")));

    [Fact]
    public void KeepsAnUntaggedImageAReportNamesByDigest()
    {
        var plan = Cluster().Report("eks/prod", [$"care/api@{Digests.Of("old")}"]).Evaluate();

        var old = plan.Of("care/api", "old");
        Assert.Equal("keep: in-use, outside-window, untagged", old.Verdict());
        Assert.Equal("report:eks/prod", Assert.IsType<ReportSite>(Assert.Single(old.UsedBy)).ToString());
    }

    [Fact]
    public void ResolvesAReportedTagToTheImageItNamesWhenDecided()
    {
        var plan = Cluster().Report("ci", ["care/api:v1"]).Evaluate();

        Assert.Equal("keep: in-use, outside-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal("delete: outside-window, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void AnExpiredReportProtectsNothing()
    {
        var plan = Cluster().Report("eks/prod", [$"care/api@{Digests.Of("old")}"], expires: Now).Evaluate();

        Assert.Equal("delete: outside-window, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void IgnoresReferencesToOtherRegistriesAndNeverMakesARollbackFamily()
    {
        var plan = Cluster()
            .Report("eks/prod", ["docker.io/library/nginx:1.27", $"care/api@{Digests.Of("old")}"])
            .TaskDefinition("app", 1, ["care/api:v1"])
            .Evaluate(new PolicyOverride { KeepRollbackRevisions = 1 });

        Assert.Equal("delete: outside-window", plan.Of("care/api", "v1").Verdict());
        Assert.Equal("keep: in-use, outside-window, untagged", plan.Of("care/api", "old").Verdict());
    }

    [Fact]
    public void AnExpectedReporterIsSilentPastItsMaximumAgeAndNamedInTheReason()
    {
        var reporter = new ExpectedReporter("eks/prod", TimeSpan.FromHours(2));

        Assert.Null(reporter.SilenceAt(Now.AddHours(-2), Now));
        Assert.Contains("eks/prod is silent", reporter.SilenceAt(Now.AddHours(-2).AddSeconds(-1), Now), StringComparison.Ordinal);
        Assert.Contains("eks/prod has never sent a usage report", reporter.SilenceAt(null, Now), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" eks", "spaces")]
    [InlineData("eks\n", "spaces")]
    public void ASourceNameMustBePrintable(string source, string problem)
    {
        Assert.Contains(problem, UsageReport.SourceProblem(source), StringComparison.Ordinal);
        Assert.Null(UsageReport.SourceProblem("eks/prod"));
    }
}
