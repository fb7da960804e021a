using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Reports;
using EcrCurator.Infrastructure.Tests.Execution;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Snapshots;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Reports;

/// <summary>SPEC 3.2's usage reports and expected reporters, as snapshots and executions take them.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ReportedUsageTests(TestDatabase database) : IAsyncLifetime
{
    private const string Host = $"{Account}.dkr.ecr.{Region}.amazonaws.com";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AReportedDigestIsKeptUntilItsReportExpires()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        var now = DateTimeOffset.UtcNow;
        await ReportAsync("eks/prod", [$"{Host}/a/one@{Digest("a-old")}"], now, now.AddHours(1));

        await harness.SnapshotAsync();

        var kept = await ImageAsync(Digest("a-old"));
        Assert.Equal(("keep", "report:eks/prod"), (kept.Decision, Assert.Single(kept.UsedBy)));
        Assert.Contains("in-use", kept.Reasons);
        Assert.DoesNotContain(Digest("a-old"), await PendingCandidatesAsync());

        // The same report, received long ago and past its expiry now.
        await ReportAsync("eks/prod", [$"{Host}/a/one@{Digest("a-old")}"], now.AddHours(-3), now.AddSeconds(-1));
        await harness.SnapshotAsync();

        Assert.Equal("delete", (await ImageAsync(Digest("a-old"))).Decision);
        Assert.Contains(Digest("a-old"), await PendingCandidatesAsync());
    }

    [Fact]
    public async Task AReplacedReportStopsProtectingWhatItNoLongerListsAndResolvesTagsAtSnapshotTime()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        var now = DateTimeOffset.UtcNow;
        await ReportAsync("ci", [$"{Host}/a/one@{Digest("a-old")}", "docker.io/library/nginx@sha256:0123"], now, now.AddHours(48));
        await harness.SnapshotAsync();
        Assert.Equal("keep", (await ImageAsync(Digest("a-old"))).Decision);

        // The next report from ci names b/two's old image by its tag only: a/one's is no longer protected.
        await ReportAsync("ci", [$"{Host}/b/two:1"], now.AddMinutes(5), now.AddHours(48));
        await harness.SnapshotAsync();

        Assert.Equal("delete", (await ImageAsync(Digest("a-old"))).Decision);
        var tagged = await ImageAsync(Digest("b-old"));
        Assert.Equal(("keep", "report:ci"), (tagged.Decision, Assert.Single(tagged.UsedBy)));
        var candidates = await PendingCandidatesAsync();
        Assert.Contains(Digest("a-old"), candidates);
        Assert.DoesNotContain(Digest("b-old"), candidates);
        await using var db = database.Contexts.CreateDbContext();
        Assert.Equal(1, await db.UsageReports.CountAsync(Cancellation));
        Assert.Equal(2, await db.AuditEntries.CountAsync(entry => entry.Action == "usage.reported" && entry.Actor == "token:ci-reporter", Cancellation));
    }

    [Fact]
    public async Task AnExpectedReporterGoneSilentMakesTheSnapshotIncompleteNamingIt()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        var now = DateTimeOffset.UtcNow;
        await ExpectAsync("eks/prod", TimeSpan.FromHours(2));
        await ExpectAsync("eks/staging", TimeSpan.FromHours(2));
        await ReportAsync("eks/prod", [], now.AddHours(-3), now.AddHours(45));
        await ReportAsync("eks/staging", [], now.AddMinutes(-10), now.AddHours(47));

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal("Incomplete", snapshot.Status);
        var reason = Assert.Single(snapshot.IncompleteReasons);
        Assert.Contains("eks/prod", reason, StringComparison.Ordinal);
        await using var db = database.Contexts.CreateDbContext();
        Assert.Equal(0, await db.Proposals.CountAsync(Cancellation));

        // It reports again: the next snapshot is complete and proposes.
        await ReportAsync("eks/prod", [], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(48));
        Assert.Equal("Complete", (await harness.SnapshotAsync()).Status);
        Assert.Equal(2, await db.Proposals.CountAsync(Cancellation));
    }

    [Fact]
    public async Task AnExpectedReporterNeverHeardFromBlocksDeletionsToo()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        await ExpectAsync("batch/nightly", TimeSpan.FromHours(24));

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal("Incomplete", snapshot.Status);
        Assert.Contains("batch/nightly has never sent a usage report", Assert.Single(snapshot.IncompleteReasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpectedReporterGoneSilentSinceTheApprovalEndsTheExecutionUnverified()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, ExecutionWorld.Create());
        await using var _ = harness;
        await ExpectAsync("eks/prod", TimeSpan.FromHours(1));
        await ReportAsync("eks/prod", [], DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(46));

        await harness.ExecuteAsync(proposal);

        var outcomes = await ExecutionHarness.OutcomesAsync(database, proposal);
        Assert.NotEmpty(outcomes);
        Assert.All(outcomes.Values, outcome => Assert.Equal(Outcomes.SkippedUnverified, outcome));
        Assert.Contains(ExecutionWorld.Old, await harness.DigestsAsync());
        Assert.Contains(ExecutionWorld.Older, await harness.DigestsAsync());
    }

    [Fact]
    public async Task AnImageReportedSinceTheApprovalIsSkippedInUseAtTheReCheck()
    {
        var (harness, proposal) = await ExecutionHarness.ApprovedAsync(database, ExecutionWorld.Create());
        await using var _ = harness;
        var now = DateTimeOffset.UtcNow;
        await ReportAsync("eks/prod", [$"{Host}/{ExecutionWorld.RepositoryName}@{ExecutionWorld.Older}"], now, now.AddHours(1));

        await harness.ExecuteAsync(proposal);

        var outcomes = await ExecutionHarness.OutcomesAsync(database, proposal);
        Assert.Equal(Outcomes.SkippedInUse, outcomes[ExecutionWorld.Older]);
        Assert.Equal(Outcomes.Deleted, outcomes[ExecutionWorld.Old]);
        Assert.Contains(ExecutionWorld.Older, await harness.DigestsAsync());
    }

    private async Task ReportAsync(string source, string[] images, DateTimeOffset receivedAt, DateTimeOffset expiresAt)
    {
        await using var db = database.Contexts.CreateDbContext();
        await UsageReports.ReplaceAsync(db, new UsageReport(source, images, receivedAt, expiresAt), "token:ci-reporter", Cancellation);
    }

    private async Task ExpectAsync(string source, TimeSpan maxAge)
    {
        await using var db = database.Contexts.CreateDbContext();
        db.ExpectedReporters.Add(new ExpectedReporterRow { Source = source, MaxAge = maxAge, CreatedBy = "alice", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Cancellation);
    }

    private async Task<ImageRow> ImageAsync(string digest)
    {
        await using var db = database.Contexts.CreateDbContext();
        return await db.Images.AsNoTracking().SingleAsync(image => image.Digest == digest, Cancellation);
    }

    private async Task<List<string>> PendingCandidatesAsync()
    {
        await using var db = database.Contexts.CreateDbContext();
        return await db.ProposalCandidates
            .Join(db.Proposals.Where(proposal => proposal.Status == ProposalStatus.Pending), candidate => candidate.ProposalId, proposal => proposal.Id, (candidate, _) => candidate.Digest)
            .ToListAsync(Cancellation);
    }
}
