using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.History;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Features.Approvals;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.History;

[Collection(AwsEnvironmentCollection.Name)]
public class HistoryServiceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEndedExecutionShowsWhoApprovedItWhatItDeletedAndEachImagesOutcome()
    {
        await using var app = await DashboardApp.StartAsync();
        var (executed, _) = await ExecuteOneAsync(app, "chiara");
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        var history = scope.ServiceProvider.GetRequiredService<HistoryService>();

        var page = await history.ExecutionsAsync(null, 0, 25, Cancellation);
        var outcomes = await history.OutcomesAsync(executed.Id, Cancellation);
        var ofTeam = await history.ExecutionsAsync(executed.Team, 0, 25, Cancellation);
        var ofAnother = await history.ExecutionsAsync("no-such-team", 0, 25, Cancellation);

        var row = Assert.Single(page.Items);
        Assert.Equal((executed.Id, executed.Repository, "chiara", ProposalStatus.Executed), (row.Id, row.Repository, row.ApprovedBy, row.Status));
        Assert.NotNull(row.ApprovedAt);
        Assert.NotNull(row.FinishedAt);
        Assert.Equal(outcomes.Sum(outcome => outcome.SizeBytes), row.DeletedBytes);
        Assert.Equal(executed.Candidates, outcomes.Count);
        Assert.All(outcomes, outcome => Assert.Equal(Outcomes.Deleted, outcome.Outcome));
        Assert.Single(ofTeam.Items);
        Assert.Empty(ofAnother.Items);
    }

    [Fact]
    public async Task TheAuditLogIsFilteredByActorActionTeamRepositoryAndDayNewestFirst()
    {
        await using var app = await DashboardApp.StartAsync();
        var (executed, _) = await ExecuteOneAsync(app, "chiara");
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var rejected = (await Proposals.PendingAsync(approvals)).First(each => each.Repository != executed.Repository);
        await approvals.RejectAsync(rejected.Id, "not yet", Cancellation);
        var history = scope.ServiceProvider.GetRequiredService<HistoryService>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);

        var all = await AllAsync(history, new AuditFilter());
        var byBen = await AllAsync(history, new AuditFilter(Actor: "ben"));
        var rejections = await AllAsync(history, new AuditFilter(Actions: ["proposal.rejected"]));
        var decisions = await AllAsync(history, new AuditFilter(Actions: ["proposal.rejected", "proposal.approved", " "]));
        var ofTeam = await AllAsync(history, new AuditFilter(Team: executed.Team));
        var ofRepository = await AllAsync(history, new AuditFilter(Repository: executed.Repository));
        var ofToday = await AllAsync(history, new AuditFilter(From: today, To: today));
        var untilYesterday = await AllAsync(history, new AuditFilter(To: today.AddDays(-1)));
        var fromTomorrow = await AllAsync(history, new AuditFilter(From: today.AddDays(1)));
        var combined = await AllAsync(history, new AuditFilter(Actor: "chiara", Actions: ["image.deleted"], Repository: executed.Repository, From: today));
        var firstPage = await history.AuditAsync(new AuditFilter(), 0, 5, Cancellation);

        Assert.Equal(all.OrderByDescending(entry => entry.At).ThenByDescending(entry => entry.Id), all);
        Assert.Equal(["proposal.rejected"], byBen.Select(entry => entry.Action));
        Assert.Equal(rejected.Repository, Assert.Single(rejections).Target);
        Assert.Contains("not yet", rejections[0].Details);
        Assert.Equal(["proposal.approved", "proposal.rejected"], decisions.Select(entry => entry.Action).Order());
        Assert.NotEmpty(ofTeam);
        Assert.All(ofTeam, entry => Assert.Equal(executed.Team, entry.Team));
        Assert.Contains(ofTeam, entry => entry.Action == "execution.started" && entry.Images == 2 * executed.Candidates);
        Assert.All(ofRepository, entry => Assert.True(entry.Target == executed.Repository || entry.Target.StartsWith(executed.Repository + "@", StringComparison.Ordinal)));
        Assert.Equal(
            ["execution.finished", "execution.started", "proposal.approved", "proposal.created"],
            ofRepository.Select(entry => entry.Action).Distinct().Order());
        Assert.Equal(all.Count, ofToday.Count);
        Assert.Empty(untilYesterday);
        Assert.Empty(fromTomorrow);
        Assert.Equal(executed.Candidates, combined.Count);
        Assert.Equal(all.Take(5).Select(entry => entry.Id), firstPage.Items.Select(entry => entry.Id));
        Assert.Equal((all.Count, false), (firstPage.Total, firstPage.MoreThanTotal));
    }

    [Fact]
    public async Task AnExecutionsPerImageEntriesAreListedUnderItsStartUntilItStartsAgainAndFlatWhenAnImageActionIsAskedFor()
    {
        await using var app = await DashboardApp.StartAsync();
        var (executed, _) = await ExecuteOneAsync(app, "chiara");
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        var history = scope.ServiceProvider.GetRequiredService<HistoryService>();

        var listed = await AllAsync(history, new AuditFilter());
        var started = Assert.Single(listed, entry => entry.Action == "execution.started");
        var grouped = await history.ExecutionImagesAsync(started.Id, 0, 1000, Cancellation);
        var flat = await AllAsync(history, new AuditFilter(Actions: ["image.deleted", "proposal.approved"]));
        var notAStart = await history.ExecutionImagesAsync(listed.First(entry => entry.Action == "proposal.approved").Id, 0, 1000, Cancellation);
        // A requeued execution starts again: what it writes after that hangs under the new start, not the first.
        await WebTestDatabase.ExecuteAsync(app.Database, $"""
            INSERT INTO audit_entries (at, actor, actor_kind, action, target, team, details)
            SELECT at + interval '1 minute', actor, actor_kind, action, target, team, details FROM audit_entries WHERE id = {started.Id};
            INSERT INTO audit_entries (at, actor, actor_kind, action, target, team, details)
            SELECT at + interval '2 minutes', actor, actor_kind, 'image.skipped-in-use', target, team, details FROM audit_entries WHERE id = {grouped.Items[^1].Id};
            """);
        var again = await AllAsync(history, new AuditFilter(Actions: ["execution.started"]));
        var firstAfter = await history.ExecutionImagesAsync(started.Id, 0, 1000, Cancellation);
        var second = await history.ExecutionImagesAsync(again[0].Id, 0, 1000, Cancellation);

        Assert.DoesNotContain(listed, entry => entry.Action.StartsWith("image.", StringComparison.Ordinal));
        Assert.Equal(2 * executed.Candidates, started.Images);
        Assert.Equal((started.Images, false), (grouped.Total, grouped.MoreThanTotal));
        Assert.All(grouped.Items, entry => Assert.StartsWith(executed.Repository + "@sha256:", entry.Target, StringComparison.Ordinal));
        Assert.All(grouped.Items, entry => Assert.Contains($"\"proposal\": {executed.Id}", entry.Details, StringComparison.Ordinal));
        Assert.Equal(grouped.Items.OrderBy(entry => entry.At).ThenBy(entry => entry.Id), grouped.Items);
        Assert.Equal(executed.Candidates, grouped.Items.Count(entry => entry.Action == "image.delete-intent"));
        Assert.Equal(executed.Candidates, grouped.Items.Count(entry => entry.Action == "image.deleted"));
        Assert.Equal(executed.Candidates + 1, flat.Count);
        Assert.All(flat, entry => Assert.Equal(0, entry.Images));
        Assert.Empty(notAStart.Items);
        Assert.Equal(2, again.Count);
        Assert.Equal(grouped.Items.Select(entry => entry.Id), firstAfter.Items.Select(entry => entry.Id));
        Assert.Equal(["image.skipped-in-use"], second.Items.Select(entry => entry.Action));
        Assert.Equal(1, again[0].Images);
    }

    [Fact]
    public async Task TheFiltersOfferTheActionsAndActorsTheLogHoldsAndTheTeams()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var pending = await Proposals.PendingAsync(approvals);
        await approvals.RejectAsync(pending[0].Id, null, Cancellation);
        var history = scope.ServiceProvider.GetRequiredService<HistoryService>();

        var choices = await history.ChoicesAsync(Cancellation);
        var repositories = await history.RepositoriesAsync(pending[0].Repository.Split('/')[^1], Cancellation);

        Assert.Equal(["ben", "system"], choices.Actors);
        Assert.Contains("proposal.created", choices.Actions);
        Assert.Contains("proposal.rejected", choices.Actions);
        Assert.Contains("snapshot.completed", choices.Actions);
        Assert.Equal(choices.Actions.Order(StringComparer.Ordinal), choices.Actions);
        Assert.Superset((await approvals.PendingAsync(Cancellation)).Teams.Select(team => team.Team).ToHashSet(), choices.Teams.ToHashSet());
        Assert.Contains(pending[0].Repository, repositories);
    }

    [Fact]
    public async Task AHugeAuditLogIsCountedOnlyUpToTheLimitAndExportedWhole()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        await WebTestDatabase.ExecuteAsync(app.Database, """
            INSERT INTO audit_entries (at, actor, actor_kind, action, target, team, details)
            SELECT now() - make_interval(secs => g), 'bulk', 'person', 'image.deleted', '111111111111/ap-northeast-1/bulk/app@sha256:' || md5(g::text), 'bulk', ('{"n": ' || g || '}')::jsonb
            FROM generate_series(1, 10050) AS g
            """);
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        var history = scope.ServiceProvider.GetRequiredService<HistoryService>();

        var page = await history.AuditAsync(new AuditFilter(Team: "bulk"), 2, 25, Cancellation);
        var exported = 0;
        await foreach (var _ in await history.ExportAsync(new AuditFilter(Actor: "bulk"), Cancellation))
        {
            exported++;
        }

        Assert.Equal((HistoryService.CountLimit, true, 25), (page.Total, page.MoreThanTotal, page.Items.Count));
        Assert.Equal("{\"n\": 51}", page.Items[0].Details);
        Assert.Equal(10050, exported);
    }

    [Fact]
    public async Task EachEntrySaysWhetherAPersonOrTheProductsAutomationActed()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        await approvals.RejectAsync((await Proposals.PendingAsync(approvals))[0].Id, null, Cancellation);
        var history = scope.ServiceProvider.GetRequiredService<HistoryService>();

        var entries = await AllAsync(history, new AuditFilter());

        Assert.Equal(["person"], entries.Where(entry => entry.Actor == "ben").Select(entry => entry.ActorKind).Distinct());
        Assert.Equal(["system"], entries.Where(entry => entry.Actor != "ben").Select(entry => entry.Actor).Distinct());
        Assert.Equal(["automation"], entries.Where(entry => entry.Actor != "ben").Select(entry => entry.ActorKind).Distinct());
    }

    [Fact]
    public async Task TheLastNightlyVerificationOfTheChainIsShownWithItsHeadOrItsProblem()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        var history = scope.ServiceProvider.GetRequiredService<HistoryService>();
        var job = app.App.Services.GetRequiredService<AuditVerificationJob>();
        var never = await history.LastVerificationAsync(Cancellation);

        var intact = await job.RunAsync(Cancellation);
        var shownIntact = await history.LastVerificationAsync(Cancellation);
        await WebTestDatabase.ExecuteAsync(app.Database, "SET session_replication_role = replica; UPDATE audit_entries SET actor = 'mallory' WHERE id = 2; SET session_replication_role = origin");
        var broken = await job.RunAsync(Cancellation);
        var shownBroken = await history.LastVerificationAsync(Cancellation);

        Assert.Null(never);
        Assert.True(intact.Intact, intact.Problem);
        Assert.Equal((true, intact.Entries, intact.Head), (shownIntact!.Intact, shownIntact.Entries, shownIntact.Head));
        Assert.Equal(1, await Proposals.CountAsync(app, $"SELECT count(*) FROM audit_entries WHERE action = 'audit.verified' AND actor_kind = 'automation' AND details->>'head' = '{intact.Head}'"));
        Assert.False(broken.Intact);
        Assert.False(shownBroken!.Intact);
        Assert.StartsWith("Entry 2 was edited", shownBroken.Problem);
    }

    /// <summary>Approves (as <paramref name="person"/>) a pending proposal of at least two images whole, and waits for its execution.</summary>
    private static async Task<(ExecutedInfo Proposal, ExecutionProgress Execution)> ExecuteOneAsync(DashboardApp app, string person)
    {
        await using var scope = app.As(person, CuratorRoles.Curator);
        var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var proposal = (await Proposals.PendingAsync(approvals)).First(each => each.Candidates >= 2);
        var team = (await approvals.ProposalAsync(proposal.Id, Cancellation))!.Team;
        await approvals.ApproveAsync(proposal.Id, null, [], Cancellation);
        var execution = await Proposals.WaitForExecutionAsync(approvals, proposal.Id);
        Assert.Equal(ProposalStatus.Executed, execution.Status);
        return (new ExecutedInfo(proposal.Id, proposal.Repository, team, proposal.Candidates), execution);
    }

    private static async Task<List<AuditEntry>> AllAsync(HistoryService history, AuditFilter filter)
    {
        var page = await history.AuditAsync(filter, 0, 1000, Cancellation);
        Assert.False(page.MoreThanTotal);
        Assert.Equal(page.Total, page.Items.Count);
        return [.. page.Items];
    }

    private sealed record ExecutedInfo(long Id, string Repository, string Team, int Candidates);
}
