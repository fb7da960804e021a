using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Jobs;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Snapshots;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Tests.Notifications;

/// <summary>Each event reaches real receivers: a signed webhook and Slack over HTTP, email over SMTP.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class NotificationEventTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task NewProposalsGoAsOneDigestPerTeamAndChannelSignedToWebhooksInSlackBlocksAndByEmail()
    {
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("all-hook", ChannelKinds.Webhook, harness.Web.Url("/hook"), events: [NotificationEvents.Proposals]);
        await harness.AddAsync("shop-slack", ChannelKinds.Slack, harness.Web.Url("/slack"), teams: ["shop"], events: [NotificationEvents.Proposals]);
        await harness.AddAsync("care-mail", ChannelKinds.Email, to: ["care@example.test"], teams: ["care"], language: "ja");

        await harness.SnapshotAsync();
        await harness.DeliveredAsync(4);

        Assert.All(await harness.DeliveriesAsync(), delivery => Assert.Equal(DeliveryStatus.Sent, delivery.Status));
        var hooks = harness.Web.Requests.Where(request => request.Path == "/hook").ToList();
        Assert.Equal(2, hooks.Count);
        foreach (var hook in hooks)
        {
            Assert.True(WebhookSignature.Verify(NotificationHarness.Secret, hook.Headers[WebhookSignature.Header], hook.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
            Assert.False(WebhookSignature.Verify("another-secret", hook.Headers[WebhookSignature.Header], hook.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
            Assert.Equal("proposals", (string?)hook.Json["event"]);
        }

        var shop = hooks.Select(hook => hook.Json).Single(json => (string?)json["team"] == "shop");
        var proposals = shop["data"]!["proposals"]!.AsArray();
        Assert.Equal(["111111111111/ap-northeast-1/shop/app", "111111111111/ap-northeast-1/shop/web"], proposals.Select(proposal => (string?)proposal!["repository"]));
        Assert.All(proposals, proposal => Assert.Matches(@"^https://curator\.example\.test/proposals/\d+/hold$", (string?)proposal!["holdUrl"]));
        Assert.Single(hooks, hook => (string?)hook.Json["team"] == "care");

        var slack = Assert.Single(harness.Web.Requests, request => request.Path == "/slack").Json;
        Assert.Contains("shop", (string?)slack["text"]);
        var blocks = slack["blocks"]!.AsArray();
        Assert.Equal("header", (string?)blocks[0]!["type"]);
        Assert.Contains(blocks, block => ((string?)block!["text"]?["text"])?.Contains("<https://curator.example.test/repositories/", StringComparison.Ordinal) == true
                                         && ((string?)block["text"]!["text"])!.Contains("shop/web", StringComparison.Ordinal));

        var mail = Assert.Single(harness.Mail.Mails);
        Assert.Equal(["care@example.test"], mail.To);
        Assert.Equal("curator@example.test", mail.From);
        Assert.Contains("チーム care", mail.Message.Subject);
        Assert.Contains("care/api", mail.Message.TextBody);
        Assert.Contains("https://curator.example.test/proposals/", mail.Message.HtmlBody);

        await using var db = database.Contexts.CreateDbContext();
        Assert.All(await db.Proposals.ToListAsync(Cancellation), proposal => Assert.NotNull(proposal.NoticedAt));
    }

    [Fact]
    public async Task AFinishedExecutionTellsItsTeamWhatWasDeletedAndTheBytesFreed()
    {
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("hook", ChannelKinds.Webhook, harness.Web.Url("/hook"), teams: ["shop"], events: [NotificationEvents.ExecutionFinished]);
        await harness.SnapshotAsync();

        var proposal = await harness.ProposalAsync("shop/app");
        await harness.Service<ApprovalService>().ApproveAsync(proposal.Id, "alice", null, [], Cancellation);
        await harness.DeliveredAsync(1);

        var body = Assert.Single(harness.Web.Requests).Json;
        Assert.Equal("execution-finished", (string?)body["event"]);
        Assert.Equal("shop", (string?)body["team"]);
        Assert.Equal(1, (int?)body["data"]!["deleted"]);
        Assert.Equal(1000, (long?)body["data"]!["bytesFreed"]);
        Assert.Equal($"https://curator.example.test/approvals/{proposal.Id}", (string?)body["url"]);
    }

    [Fact]
    public async Task AFailedExecutionTellsItsTeamWhy()
    {
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("hook", ChannelKinds.Webhook, harness.Web.Url("/hook"), events: [NotificationEvents.ExecutionFailed, NotificationEvents.ExecutionFinished]);
        await harness.SnapshotAsync();
        await harness.Product.ControlAsync("faults", new { kind = "access-denied", operation = "ecs:ListClusters" });

        var proposal = await harness.ProposalAsync("care/api");
        await harness.Service<ApprovalService>().ApproveAsync(proposal.Id, "alice", null, [], Cancellation);
        await harness.DeliveredAsync(1);

        var body = Assert.Single(harness.Web.Requests).Json;
        Assert.Equal("execution-failed", (string?)body["event"]);
        Assert.Equal("care", (string?)body["team"]);
        Assert.Equal(ProposalStatus.Failed, (string?)body["data"]!["status"]);
        Assert.Contains("ListClusters", (string?)body["text"]);
    }

    [Fact]
    public async Task AnExecutionStoppedByTheKillSwitchTellsItsTeam()
    {
        var old = Enumerable.Range(0, 150).Select(i => SnapshotWorlds.Image($"old-{i}", $"v{i}", "2026-05-01")).ToList();
        var world = new Worlds.World
        {
            Accounts = [new Worlds.WorldAccount { AccountId = SnapshotWorlds.Account, Region = SnapshotWorlds.Region, Repositories = [SnapshotWorlds.Repository("shop/big", [.. old, SnapshotWorlds.Image("new", "1", "2026-11-20")])] }],
        };
        await using var harness = await NotificationHarness.StartAsync(database, world);
        await harness.AddAsync("hook", ChannelKinds.Webhook, harness.Web.Url("/hook"), events: [NotificationEvents.ExecutionFailed]);
        await harness.SnapshotAsync();
        await harness.Product.ControlAsync("faults", new { kind = "latency", operation = "ecr:BatchDeleteImage", latencyMs = 1500 });
        var proposal = await harness.ProposalAsync("shop/big");
        await harness.Service<ApprovalService>().ApproveAsync(proposal.Id, "alice", null, [], Executor.Caller, Cancellation);

        var execution = harness.Service<ExecutionService>().ExecuteAsync(proposal.Id, "alice", Cancellation);
        await JobWorlds.WaitUntilAsync(
            async () =>
            {
                await using var db = database.Contexts.CreateDbContext();
                return await db.AuditEntries.AnyAsync(entry => entry.Action == "image.delete-intent", Cancellation);
            },
            TimeSpan.FromSeconds(30), () => Task.FromResult("no deletion started"));
        await using (var db = database.Contexts.CreateDbContext())
        {
            await db.Settings.ExecuteUpdateAsync(setters => setters.SetProperty(row => row.KillSwitch, true), Cancellation);
        }

        Assert.Equal(ProposalStatus.Approved, (await execution).Status);
        await harness.DeliveredAsync(1);

        var body = Assert.Single(harness.Web.Requests).Json;
        Assert.Equal("execution-failed", (string?)body["event"]);
        Assert.Contains("kill switch", (string?)body["text"]);
    }

    [Fact]
    public async Task AnIncompleteSnapshotNamesTheSourceAndWhy()
    {
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("hook", ChannelKinds.Webhook, harness.Web.Url("/hook"), teams: ["care"], events: [NotificationEvents.SnapshotIncomplete]);
        await harness.Product.ControlAsync("faults", new { kind = "access-denied", operation = "ecs:ListClusters" });

        var snapshot = await harness.SnapshotAsync();
        await harness.DeliveredAsync(1);

        Assert.Equal(SnapshotStatus.Incomplete, snapshot.Status);
        var body = Assert.Single(harness.Web.Requests).Json;
        Assert.Equal("snapshot-incomplete", (string?)body["event"]);
        Assert.Contains(body["lines"]!.AsArray(), line => ((string?)line!["text"])!.Contains("ecs:ListClusters", StringComparison.Ordinal));
        Assert.Equal("https://curator.example.test/", (string?)body["url"]);
    }

    [Fact]
    public async Task ASnapshotDoesNotWaitForAReceiverThatNeverAnswers()
    {
        // A listener that accepts connections and never answers: the snapshot and what follows it go on regardless.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("silent", ChannelKinds.Webhook, $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}/hook");

        var started = DateTime.UtcNow;
        await harness.SnapshotAsync();

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), $"The snapshot took {DateTime.UtcNow - started}.");
        Assert.Contains(await harness.DeliveriesAsync(), delivery => delivery.Status != DeliveryStatus.Sent);
        await JobWorlds.WaitUntilAsync(async () => (await harness.DeliveriesAsync()).Count == 2, TimeSpan.FromSeconds(5), async () => $"{(await harness.DeliveriesAsync()).Count} deliveries");
    }
}
