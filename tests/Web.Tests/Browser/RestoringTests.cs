using System.Net.Http.Json;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Features.Approvals;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>Restoring from the quarantine in the browser: the dashboard runs under a Quarantine policy (it changes the data).</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class RestoringTests
{
    [Fact]
    public async Task ACuratorRestoresAnImageFromHistoryAndItComesBackActiveAndPinned()
    {
        await using var app = await DashboardApp.StartAsync(null, "--Curator:Policy:Action=Quarantine", "--Curator:Quarantine:RestorePollSeconds=0.2");
        (await app.Simulator.Control.PutAsJsonAsync("archive", new { restoreSeconds = 1 }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var (proposal, digest) = await QuarantineOneProposalAsync(app);
        await using var browser = await DashboardBrowser.SignInAsync(app, "ben", CuratorRoles.Curator, "/history");
        await browser.RowOf($"[data-testid=executed-row][data-proposal='{proposal.Id}']").GetByTestId("expand-outcomes").ClickAsync();
        var outcome = browser.Page.Locator($"[data-testid=executed-outcomes] tr:has(> td[data-testid=outcome][data-digest='{digest}'])");
        await Expect(outcome.GetByTestId("outcome-chip")).ToHaveTextAsync(Outcomes.Archived);
        await Expect(outcome.GetByTestId("quarantine-state")).ToHaveAttributeAsync("data-state", QuarantineStates.Quarantined);
        await browser.ScreenshotAsync("quarantined");

        await outcome.GetByTestId("restore-outcome").ClickAsync();
        await Expect(browser.Dialog).ToContainTextAsync("restored from quarantine");
        await browser.ScreenshotAsync("restore-confirm");
        await browser.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Restore", Exact = true }).ClickAsync();

        await Expect(browser.Snackbar).ToContainTextAsync("Restore requested (1 image(s))");
        await Expect(outcome.GetByTestId("quarantine-state")).ToHaveAttributeAsync("data-state", QuarantineStates.Restoring);
        await Expect(outcome.GetByTestId("restore-outcome")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("restoring");
        await WaitUntilAsync(async () => await WebTestDatabase.CountAsync(app.Database, $"SELECT count(*) FROM quarantined_images WHERE digest = '{digest}' AND restored_at IS NOT NULL") == 1);
        Assert.Equal("ACTIVE", await StatusInWorldAsync(app, proposal.Repository, digest));
        Assert.Equal(1, await WebTestDatabase.CountAsync(app.Database, $"SELECT count(*) FROM pins WHERE digest = '{digest}' AND actor = 'ben' AND reason = 'restored from quarantine'"));

        await browser.GoToAsync("/history");
        await browser.RowOf($"[data-testid=executed-row][data-proposal='{proposal.Id}']").GetByTestId("expand-outcomes").ClickAsync();

        await Expect(outcome.GetByTestId("quarantine-state")).ToHaveAttributeAsync("data-state", QuarantineStates.Restored);
        await browser.ScreenshotAsync("restored");

        var repository = await WebTestDatabase.CountAsync(app.Database, $"SELECT id FROM repositories WHERE account_id || '/' || region || '/' || name = '{proposal.Repository}'");
        await browser.GoToAsync($"/repositories/{repository}");

        var restored = browser.RowOf($"[data-testid=image][data-digest='{digest}']");
        await Expect(restored.GetByTestId("unpin")).ToBeVisibleAsync();
        await Expect(restored.GetByTestId("archived")).ToHaveCountAsync(0);
        await Expect(browser.TestId("images").GetByTestId("archived").First).ToBeVisibleAsync();
        await Expect(browser.TestId("images").GetByTestId("restore").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("repository-archived");
        await browser.ExpectRenderedAsync();
    }

    /// <summary>Approves the smallest pending proposal (as ben) and waits for its execution to archive its candidates.</summary>
    private static async Task<(PendingProposal Proposal, string Digest)> QuarantineOneProposalAsync(DashboardApp app)
    {
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var proposal = (await Proposals.PendingAsync(approvals)).MinBy(each => each.Candidates)!;
        await approvals.ApproveAsync(proposal.Id, null, [], TestContext.Current.CancellationToken);
        var executed = await Proposals.WaitForExecutionAsync(approvals, proposal.Id);
        var archived = executed.Outcomes.FirstOrDefault(outcome => outcome.Outcome == Outcomes.Archived);
        Assert.True(archived is not null, string.Join(", ", executed.Outcomes.Select(outcome => $"{outcome.Digest} {outcome.Outcome} {outcome.Error}")));
        Assert.Equal("ARCHIVED", await StatusInWorldAsync(app, proposal.Repository, archived.Digest));
        return (proposal, archived.Digest);
    }

    private static async Task<string> StatusInWorldAsync(DashboardApp app, string repository, string digest)
    {
        var world = WorldFile.Parse(await app.Simulator.Control.GetByteArrayAsync("world", TestContext.Current.CancellationToken));
        var image = world.Accounts.SelectMany(account => account.Repositories.Select(each => (Key: $"{account.AccountId}/{account.Region}/{each.Name}", each.Images)))
            .Single(each => each.Key == repository).Images.Single(image => image.Digest == digest);
        return image.ImageStatus ?? "ACTIVE";
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 600 && !await condition(); attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(await condition(), "The restore was not seen ACTIVE within a minute.");
    }
}
