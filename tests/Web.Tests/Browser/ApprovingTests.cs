using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Features.Approvals;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>Deciding proposals in the browser: each test starts its own dashboard (it changes the data).</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class ApprovingTests
{
    /// <summary>How long the app's job server may take to run an approved execution on a loaded machine.</summary>
    private const float ExecutionTimeout = 120_000;

    [Fact]
    public async Task ApprovingAProposalWithOneImageExcludedShowsTheExecutionsOutcomesInHistoryWithTheExcludedImageAsExcluded()
    {
        await using var app = await DashboardApp.StartAsync();
        var proposal = (await PendingAsync(app)).Where(each => each.Candidates >= 2).MinBy(each => each.Candidates)!;
        await using var browser = await DashboardBrowser.SignInAsync(app, "ben", CuratorRoles.Curator, "/approvals");

        await browser.TestId("proposal-row").And(browser.Page.Locator($"[data-proposal='{proposal.Id}']")).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(browser.TestId("proposal")).ToHaveAttributeAsync("data-status", ProposalStatus.Pending);
        var candidates = browser.TestId("candidate");
        await Expect(candidates).ToHaveCountAsync(proposal.Candidates);
        var excluded = (await candidates.First.GetAttributeAsync("data-digest"))!;
        await candidates.First.Locator("input[type=checkbox]").UncheckAsync();
        await Expect(browser.TestId("remaining")).ToContainTextAsync($"{proposal.Candidates - 1} of {proposal.Candidates} images");
        var comment = browser.TextBox("comment");
        await comment.FillAsync("tidy up before the quarter ends");
        await comment.BlurAsync();
        await browser.ScreenshotAsync("one-excluded");

        await browser.TestId("approve").ClickAsync();
        await Expect(browser.Dialog.GetByTestId("decision-impact")).ToContainTextAsync($"{proposal.Candidates - 1} images");
        await Expect(browser.Dialog.GetByTestId("decision-impact")).ToContainTextAsync(Display.Size(proposal.CandidateBytes - await SizeAsync(app, proposal.Id, excluded)));
        await Expect(browser.Dialog.TextBox("decision-comment")).ToHaveValueAsync("tidy up before the quarter ends");
        await browser.ScreenshotAsync("approve-dialog");
        await browser.Dialog.GetByTestId("decision-confirm").ClickAsync();

        await Expect(browser.Snackbar).ToContainTextAsync("Approved");
        var execution = browser.TestId("execution");
        await Expect(execution).ToHaveAttributeAsync("data-status", ProposalStatus.Executed, new LocatorAssertionsToHaveAttributeOptions { Timeout = ExecutionTimeout });
        await Expect(execution.GetByTestId("outcome")).ToHaveCountAsync(proposal.Candidates);
        await Expect(execution.Locator($"tr:has([data-testid=outcome][data-digest='{excluded}']) [data-testid=outcome-chip]")).ToHaveTextAsync(Outcomes.Excluded);
        await browser.ScreenshotAsync("executed");

        await browser.GoToAsync("/history");
        var executed = browser.RowOf($"[data-testid=executed-row][data-proposal='{proposal.Id}']");
        await executed.GetByTestId("expand-outcomes").ClickAsync();

        var outcomes = browser.TestId("executed-outcomes");
        await Expect(outcomes.GetByTestId("outcome")).ToHaveCountAsync(proposal.Candidates);
        await Expect(outcomes.GetByTestId("outcome-chip").Filter(new LocatorFilterOptions { HasNotText = Outcomes.Deleted })).ToHaveCountAsync(1);
        await Expect(outcomes.Locator($"tr:has([data-digest='{excluded}']) [data-testid=outcome-chip]")).ToHaveTextAsync(Outcomes.Excluded);
        await browser.ScreenshotAsync("history-outcomes");
        Assert.Contains(excluded, await Proposals.DigestsInWorldAsync(app, proposal.Repository));

        await ExpectInAuditLogAsync(browser, "proposal.approved", "ben", "tidy up before the quarter ends");
        await browser.ExpectRenderedAsync();
    }

    [Fact]
    public async Task RejectingAProposalWithACommentMarksItRejectedAndTheAuditLogShowsWhoRejectedIt()
    {
        await using var app = await DashboardApp.StartAsync();
        var proposal = (await PendingAsync(app))[0];
        await using var browser = await DashboardBrowser.SignInAsync(app, "ben", CuratorRoles.Curator, $"/approvals/{proposal.Id}");
        await Expect(browser.TestId("proposal")).ToHaveAttributeAsync("data-status", ProposalStatus.Pending);
        var comment = browser.TextBox("comment");
        await comment.FillAsync("still needed by the batch jobs");
        await comment.BlurAsync();

        await browser.TestId("reject").ClickAsync();
        await Expect(browser.Dialog.GetByTestId("decision-impact")).ToContainTextAsync($"{proposal.Candidates} images ({Display.Size(proposal.CandidateBytes)}) will be kept");
        await browser.ScreenshotAsync("reject-dialog");
        await browser.Dialog.GetByTestId("decision-confirm").ClickAsync();

        await Expect(browser.Snackbar).ToContainTextAsync("Rejected");
        await Expect(browser.TestId("proposal")).ToHaveAttributeAsync("data-status", ProposalStatus.Rejected);
        await Expect(browser.TestId("proposal-status").First).ToHaveAttributeAsync("data-status", ProposalStatus.Rejected);
        await Expect(browser.TestId("rejected")).ToBeVisibleAsync();
        await Expect(browser.TestId("approve")).ToHaveCountAsync(0);
        await Expect(browser.TestId("remaining")).ToHaveTextAsync($"{proposal.Candidates} images were proposed ({Display.Size(proposal.CandidateBytes)})");
        await browser.ScreenshotAsync("rejected");

        await browser.GoToAsync("/history");
        await ExpectInAuditLogAsync(browser, "proposal.rejected", "ben", "still needed by the batch jobs");
        await browser.ExpectRenderedAsync();
    }

    [Fact]
    public async Task CancellingTheApproveDialogApprovesNothing()
    {
        await using var app = await DashboardApp.StartAsync();
        var proposal = (await PendingAsync(app))[0];
        await using var browser = await DashboardBrowser.SignInAsync(app, "ben", CuratorRoles.Curator, $"/approvals/{proposal.Id}");

        await browser.TestId("approve").ClickAsync();
        await Expect(browser.Dialog.GetByTestId("decision-impact")).ToContainTextAsync($"{proposal.Candidates} images");
        await browser.Dialog.GetByTestId("decision-cancel").ClickAsync();

        await Expect(browser.Dialog).ToHaveCountAsync(0);
        await Expect(browser.TestId("proposal")).ToHaveAttributeAsync("data-status", ProposalStatus.Pending);
        Assert.Equal(0, await Proposals.CountAsync(app, $"SELECT count(*) FROM approvals WHERE proposal_id = {proposal.Id}"));
    }

    [Fact]
    public async Task ApprovingAllOfATeamConfirmsWhatItApprovesAndLeavesAnUntickedRepositoryPending()
    {
        await using var app = await DashboardApp.StartAsync();
        string team;
        List<PendingProposal> ours;
        await using (var scope = app.As("ben", CuratorRoles.Curator))
        {
            var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
            team = (await service.PendingAsync(TestContext.Current.CancellationToken)).Teams.First(each => each.Proposals >= 2).Team;
            ours = await Proposals.PendingAsync(service, team);
        }

        var left = ours[^1];
        await using var browser = await DashboardBrowser.SignInAsync(app, "ben", CuratorRoles.Curator, "/approvals");
        await browser.Page.Locator($"[data-team='{team}'] [data-testid=approve-team]").ClickAsync();
        var dialog = browser.Dialog;
        await Expect(dialog.GetByTestId("team-proposal")).ToHaveCountAsync(ours.Count);
        await Expect(dialog.GetByTestId("team-impact")).ToContainTextAsync($"Approve {ours.Count} pending proposals");
        await dialog.Locator($"[data-testid=team-proposal][data-proposal='{left.Id}'] input[type=checkbox]").UncheckAsync();
        await Expect(dialog.GetByTestId("team-impact")).ToContainTextAsync($"Approve {ours.Count - 1} pending proposals");
        await browser.ScreenshotAsync("team-one-left-out");

        await dialog.GetByTestId("approve-team-confirm").ClickAsync();

        await Expect(browser.Snackbar).ToContainTextAsync($"{ours.Count - 1}");
        Assert.Equal(0, await Proposals.CountAsync(app, $"SELECT count(*) FROM approvals WHERE proposal_id = {left.Id}"));
        Assert.Equal(ours.Count - 1, await Proposals.CountAsync(app, $"SELECT count(*) FROM approvals WHERE actor = 'ben' AND approved"));
    }

    private static Task<long> SizeAsync(DashboardApp app, long proposal, string digest) =>
        Proposals.CountAsync(app, $"SELECT size_bytes FROM proposal_candidates WHERE proposal_id = {proposal} AND digest = '{digest}'");

    private static async Task<List<PendingProposal>> PendingAsync(DashboardApp app)
    {
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var pending = await Proposals.PendingAsync(scope.ServiceProvider.GetRequiredService<ApprovalsService>());
        Assert.NotEmpty(pending);
        return pending;
    }

    /// <summary>On /history, opens the audit log and expects the newest <paramref name="action"/> by <paramref name="actor"/> with <paramref name="comment"/> in its details.</summary>
    private static async Task ExpectInAuditLogAsync(DashboardBrowser browser, string action, string actor, string comment)
    {
        await browser.Page.Locator(".mud-tab", new PageLocatorOptions { HasText = "Audit log" }).ClickAsync();
        var entry = browser.RowOf($"[data-testid=audit-row][data-action='{action}']").First;
        await Expect(entry).ToBeVisibleAsync();
        await Expect(entry.Locator("td").Nth(1)).ToHaveTextAsync(actor);
        await entry.GetByTestId("audit-details").ClickAsync();
        await Expect(browser.TestId("audit-json")).ToContainTextAsync(comment);
        await browser.ScreenshotAsync($"audit-{action}");
    }
}
