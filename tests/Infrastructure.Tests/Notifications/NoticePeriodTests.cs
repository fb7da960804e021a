using System.Text.RegularExpressions;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Jobs;
using EcrCurator.Infrastructure.Tests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Tests.Notifications;

/// <summary>A policy's NoticeHours: AutoRun deletes only what the team was told of that long before; holds asked from a message.</summary>
[Collection(DatabaseCollection.Name)]
public sealed partial class NoticePeriodTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task PolicyAsync(string mode, int noticeHours)
    {
        await using var db = database.Contexts.CreateDbContext();
        db.Policies.Add(new PolicyRow { Scope = "Team", Team = "shop", Mode = mode, NoticeHours = noticeHours, UpdatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Cancellation);
    }

    /// <summary>Moves the start of a proposal's notice back, as if that many hours had passed since the team was told.</summary>
    private async Task NoticedHoursAgoAsync(long proposal, int hours)
    {
        await using var db = database.Contexts.CreateDbContext();
        await db.Proposals.Where(row => row.Id == proposal).ExecuteUpdateAsync(setters => setters.SetProperty(row => row.NoticedAt, DateTimeOffset.UtcNow.AddHours(-hours)), Cancellation);
    }

    [Fact]
    public async Task AutoRunHoldsTheExecutionUntilTheTeamsNoticeHasRun()
    {
        await PolicyAsync("AutoRun", 2);
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("shop-hook", ChannelKinds.Webhook, harness.Web.Url("/hook"), teams: ["shop"], events: [NotificationEvents.AutoRunNotice]);

        var snapshot = await harness.SnapshotAsync();
        var waiting = await harness.ProposalAsync("shop/app");
        Assert.Equal(ProposalStatus.Pending, waiting.Status);
        Assert.Contains("waits until team shop has been notified", waiting.StatusReason);

        await harness.DeliveredAsync(1);
        var notice = Assert.Single(harness.Web.Requests).Json;
        Assert.Equal("autorun-notice", (string?)notice["event"]);
        Assert.Equal(2, notice["data"]!["proposals"]!.AsArray().Count); // one message for the team's two repositories
        await harness.Service<AutoRun>().ApproveAsync(snapshot.Id, Cancellation);
        var noticed = await harness.ProposalAsync("shop/app");
        Assert.Equal(ProposalStatus.Pending, noticed.Status);
        Assert.NotNull(noticed.NoticedAt);
        Assert.Contains("notice ends at", noticed.StatusReason);

        await NoticedHoursAgoAsync(noticed.Id, 1);
        await harness.Service<AutoRun>().ApproveAsync(snapshot.Id, Cancellation);
        Assert.Equal(ProposalStatus.Pending, (await harness.ProposalAsync("shop/app")).Status);

        await NoticedHoursAgoAsync(noticed.Id, 3);
        await harness.Service<AutoRun>().ApproveAsync(snapshot.Id, Cancellation);
        await JobWorlds.WaitUntilAsync(async () => (await harness.ProposalAsync("shop/app")).Status == ProposalStatus.Executed, TimeSpan.FromSeconds(30),
            async () => (await harness.ProposalAsync("shop/app")).Status);
        Assert.Equal(ProposalStatus.Pending, (await harness.ProposalAsync("shop/web")).Status); // its notice has not run
    }

    [Fact]
    public async Task WithoutAChannelForTheTeamAutoRunLeavesTheProposalForAPersonAndSaysWhy()
    {
        await PolicyAsync("AutoRun", 2);
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("care-hook", ChannelKinds.Webhook, harness.Web.Url("/hook"), teams: ["care"]);

        await harness.SnapshotAsync();

        var proposal = await harness.ProposalAsync("shop/app");
        Assert.Equal(ProposalStatus.Pending, proposal.Status);
        Assert.Contains("No notification channel serves team shop", proposal.StatusReason);
        await using var db = database.Contexts.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(entry => entry.Action == "autorun.refused" && entry.Team == "shop", Cancellation));
    }

    [Fact]
    public async Task APersonsApprovalUnderNoticeExecutesWhenItEndsUnlessAnAdminOverrides()
    {
        await PolicyAsync("Approve", 2);
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("shop-hook", ChannelKinds.Webhook, harness.Web.Url("/hook"), teams: ["shop"]);
        await harness.SnapshotAsync();
        await harness.DeliveredAsync(1);
        var proposal = await harness.ProposalAsync("shop/app");

        Assert.True(await harness.Service<ApprovalService>().ApproveAsync(proposal.Id, "alice", null, [], Cancellation));

        var approved = await harness.ProposalAsync("shop/app");
        Assert.Equal(ProposalStatus.Approved, approved.Status);
        Assert.Equal(proposal.NoticedAt!.Value.AddHours(2), approved.ExecuteAfter);
        Assert.Contains("Approved under notice", approved.StatusReason);
        await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Service<ExecutionService>().ExecuteAsync(proposal.Id, "alice", Cancellation));
        await Task.Delay(2000, Cancellation);
        Assert.Equal(ProposalStatus.Approved, (await harness.ProposalAsync("shop/app")).Status);

        await harness.Service<ApprovalService>().OverrideNoticeAsync(proposal.Id, "root", "the registry is full", Cancellation);

        await JobWorlds.WaitUntilAsync(async () => (await harness.ProposalAsync("shop/app")).Status == ProposalStatus.Executed, TimeSpan.FromSeconds(30),
            async () => (await harness.ProposalAsync("shop/app")).Status);
        await using var db = database.Contexts.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(entry => entry.Action == "proposal.notice-overridden" && entry.Actor == "root", Cancellation));
    }

    [Fact]
    public async Task AHoldAskedFromTheMessagesLinkKeepsAutoRunAwayUntilACuratorReleasesIt()
    {
        await PolicyAsync("AutoRun", 2);
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("shop-hook", ChannelKinds.Webhook, harness.Web.Url("/hook"), teams: ["shop"], events: [NotificationEvents.AutoRunNotice]);
        var snapshot = await harness.SnapshotAsync();
        await harness.DeliveredAsync(1);
        var links = Assert.Single(harness.Web.Requests).Json["data"]!["proposals"]!.AsArray().Select(proposal => (string)proposal!["holdUrl"]!).ToList();
        var held = long.Parse(HoldLink().Match(links[0]).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var rejected = long.Parse(HoldLink().Match(links[1]).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var approvals = harness.Service<ApprovalService>();

        await approvals.HoldAsync(held, "dana", "we roll back to it on Fridays", Cancellation);
        await approvals.HoldAsync(rejected, "dana", "still deployed in staging", Cancellation);
        await NoticedHoursAgoAsync(held, 3);
        await NoticedHoursAgoAsync(rejected, 3);
        await harness.Service<AutoRun>().ApproveAsync(snapshot.Id, Cancellation);

        await using (var db = database.Contexts.CreateDbContext())
        {
            var proposal = await db.Proposals.SingleAsync(row => row.Id == held, Cancellation);
            Assert.Equal((ProposalStatus.Held, "dana", "we roll back to it on Fridays"), (proposal.Status, proposal.HeldBy, proposal.HeldReason));
        }

        await approvals.RejectAsync(rejected, "carol", "agreed", Cancellation);
        await approvals.ReleaseAsync(held, "carol", "Friday is over", Cancellation);
        await harness.Service<AutoRun>().ApproveAsync(snapshot.Id, Cancellation);

        await JobWorlds.WaitUntilAsync(async () => (await database.StatusesAsync())[held] == ProposalStatus.Executed, TimeSpan.FromSeconds(30),
            async () => (await database.StatusesAsync())[held]);
        Assert.Equal(ProposalStatus.Rejected, (await database.StatusesAsync())[rejected]);
        await using var audit = database.Contexts.CreateDbContext();
        Assert.Equal(
            ["proposal.held", "proposal.held", "proposal.rejected", "proposal.released"],
            await audit.AuditEntries.Where(entry => entry.Action == "proposal.held" || entry.Action == "proposal.released" || entry.Action == "proposal.rejected")
                .OrderBy(entry => entry.Id).Select(entry => entry.Action).ToListAsync(Cancellation));
    }

    [GeneratedRegex(@"/proposals/(\d+)/hold$")]
    private static partial Regex HoldLink();
}
