using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Features.Approvals;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>The audit log as an auditor reads it: actions in plain words, an execution's images under it, several actions at once.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class AuditLogTests
{
    [Fact]
    public async Task TheAuditLogNamesActionsInPlainWordsListsAnExecutionsImagesUnderItAndFiltersBySeveralActions()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 4, Services = 2 });
        PendingProposal executed;
        await using (var scope = app.As("ben", CuratorRoles.Curator))
        {
            var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
            var pending = await Proposals.PendingAsync(approvals);
            executed = pending.First(each => each.Candidates >= 2);
            await approvals.RejectAsync(pending.First(each => each.Id != executed.Id).Id, "later", TestContext.Current.CancellationToken);
            await approvals.ApproveAsync(executed.Id, null, [], TestContext.Current.CancellationToken);
            await Proposals.WaitForExecutionAsync(approvals, executed.Id);
        }

        await using var browser = await DashboardBrowser.SignInAsync(app, "daniel", CuratorRoles.Viewer, "/history");
        await browser.Page.Locator(".mud-tab", new PageLocatorOptions { HasText = "Audit log" }).ClickAsync();

        var started = browser.RowOf("[data-testid=audit-row][data-action='execution.started']");
        await Expect(started.GetByTestId("audit-action")).ToHaveTextAsync("Execution started");
        await Expect(browser.Page.Locator("[data-testid=audit-row][data-action^='image.']")).ToHaveCountAsync(0);
        await Expect(started.GetByTestId("execution-images")).ToContainTextAsync($"{2 * executed.Candidates} image entries");
        await started.GetByTestId("execution-images").ClickAsync();
        var images = browser.TestId("execution-image-entry");
        await Expect(images).ToHaveCountAsync(2 * executed.Candidates);
        await Expect(browser.TestId("execution-image-entries").GetByText("Image deleted")).ToHaveCountAsync(executed.Candidates);
        await browser.ScreenshotAsync("audit-execution-images");

        await browser.TestId("filter-action").ClickAsync();
        await browser.Page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Proposal rejected" }).ClickAsync();
        await browser.Page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Image deleted" }).ClickAsync();
        await browser.Page.Keyboard.PressAsync("Escape");

        var rows = browser.TestId("audit-row");
        await Expect(rows).ToHaveCountAsync(executed.Candidates + 1);
        await Expect(browser.Page.Locator("[data-testid=audit-row][data-action='proposal.rejected']")).ToHaveCountAsync(1);
        await Expect(browser.Page.Locator("[data-testid=audit-row][data-action='image.deleted']")).ToHaveCountAsync(executed.Candidates);
        await browser.ScreenshotAsync("audit-two-actions");
        await browser.ExpectRenderedAsync();
    }
}
