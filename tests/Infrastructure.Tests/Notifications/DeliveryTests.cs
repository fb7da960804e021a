using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Tests.Notifications;

/// <summary>Deliveries as jobs: retried, their outcome kept, a failing channel flagged, secrets never shown.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DeliveryTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AFailingChannelIsRetriedKeepsTheStatusAndAnswerAndIsFlaggedAfterFiveFailuresInARow()
    {
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("flaky", ChannelKinds.Webhook, harness.Web.Url("/hook"));
        harness.Web.Answer = (502, "upstream exploded\n<html>much more</html>");
        var channels = harness.Service<ChannelBook>();

        await channels.TestAsync("flaky", "admin", Cancellation);
        await harness.DeliveredAsync(1);

        Assert.Equal(5, harness.Web.Requests.Count);
        var delivery = Assert.Single(await harness.DeliveriesAsync());
        Assert.Equal((DeliveryStatus.Failed, 5, 502), (delivery.Status, delivery.Attempts, delivery.FailureStatus));
        Assert.Contains("upstream exploded <html>much more</html>", delivery.FailureDetail);
        var flagged = Assert.Single(await channels.ListAsync(Cancellation));
        Assert.True(flagged.Flagged);
        Assert.Equal((5, DeliveryStatus.Failed, 502), (flagged.ConsecutiveFailures, flagged.LastStatus, flagged.LastFailureStatus));

        harness.Web.Answer = (200, "ok");
        await channels.TestAsync("flaky", "admin", Cancellation);
        await harness.DeliveredAsync(2);

        var healthy = Assert.Single(await channels.ListAsync(Cancellation));
        Assert.False(healthy.Flagged);
        Assert.Equal((0, DeliveryStatus.Sent), (healthy.ConsecutiveFailures, healthy.LastStatus));
        Assert.Equal("test", (string?)harness.Web.Requests.Last().Json["event"]);
    }

    [Fact]
    public async Task AnEmailChannelWithoutAnSmtpServerFailsSayingWhichSettingIsMissing()
    {
        await using var harness = await NotificationHarness.StartAsync(database, null, "--Curator:Notifications:Smtp:Host=", "--Curator:Notifications:MaxAttempts=1");
        await harness.AddAsync("mail", ChannelKinds.Email, to: ["ops@example.test"]);

        await harness.Service<ChannelBook>().TestAsync("mail", "admin", Cancellation);
        await harness.DeliveredAsync(1);

        Assert.Contains("Curator:Notifications:Smtp:Host", Assert.Single(await harness.DeliveriesAsync()).FailureDetail);
    }

    [Fact]
    public async Task WebhookUrlsAndSecretsNeverReachTheLogsTheAuditTheListOrTheDatabaseInTheClear()
    {
        const string slackToken = "T00000000/B00000000/XyZsecretSlackToken";
        await using var harness = await NotificationHarness.StartAsync(database, null, "--Curator:Notifications:MaxAttempts=2");
        await harness.AddAsync("slack", ChannelKinds.Slack, harness.Web.Url("/services/" + slackToken));
        await harness.AddAsync("hook", ChannelKinds.Webhook, harness.Web.Url("/hook?token=XyZsecretQueryToken"));
        var channels = harness.Service<ChannelBook>();

        await channels.TestAsync("slack", "admin", Cancellation);
        await channels.TestAsync("hook", "admin", Cancellation);
        await harness.DeliveredAsync(2);
        harness.Web.Answer = (500, "no");
        await channels.TestAsync("slack", "admin", Cancellation);
        await channels.TestAsync("hook", "admin", Cancellation);
        await harness.DeliveredAsync(4);

        Assert.Contains(harness.Web.Requests, request => request.Path == "/services/" + slackToken); // the secrets were used
        string[] secrets = ["XyZsecretSlackToken", "XyZsecretQueryToken", NotificationHarness.Secret];
        Assert.NotEmpty(harness.Logs.Lines);
        await using var db = database.Contexts.CreateDbContext();
        var stored = string.Join('\n', (await db.NotificationChannels.ToListAsync(Cancellation)).Select(row => $"{row.ProtectedUrl} {row.ProtectedSecret}"));
        var audit = string.Join('\n', await db.AuditEntries.Select(entry => entry.Details).ToListAsync(Cancellation));
        var deliveries = string.Join('\n', await db.NotificationDeliveries.Select(row => row.Message + row.FailureDetail).ToListAsync(Cancellation));
        var listed = string.Join('\n', (await channels.ListAsync(Cancellation)).Select(view => view.ToString()));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, harness.Logs.All);
            Assert.DoesNotContain(secret, stored);
            Assert.DoesNotContain(secret, audit);
            Assert.DoesNotContain(secret, deliveries);
            Assert.DoesNotContain(secret, listed);
        }
    }
}
