using EcrCurator.Domain;
using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Persistence;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Notifications;

/// <summary>What a snapshot finds that needs a person soon reaches real receivers: silent reporters, quarantines ending.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class NotificationWatchTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AnExpectedReporterThatFellSilentIsToldToTheChannelsThatWantIt()
    {
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("hook", ChannelKinds.Webhook, harness.Web.Url("/hook"), events: [NotificationEvents.ReporterSilent]);
        await harness.AddAsync("proposals-only", ChannelKinds.Webhook, harness.Web.Url("/other"), events: [NotificationEvents.Proposals]);
        await using (var db = database.Contexts.CreateDbContext())
        {
            db.ExpectedReporters.Add(new ExpectedReporterRow { Source = "k8s-prod", MaxAge = TimeSpan.FromHours(1), CreatedBy = "admin", CreatedAt = DateTimeOffset.UtcNow.AddDays(-2) });
            db.UsageReports.Add(new UsageReportRow { Source = "k8s-prod", Images = [], ReceivedAt = DateTimeOffset.UtcNow.AddHours(-3), ExpiresAt = DateTimeOffset.UtcNow.AddDays(1), ReportedBy = "token:k8s" });
            await db.SaveChangesAsync(Cancellation);
        }

        await harness.SnapshotAsync();
        await harness.DeliveredAsync(1);

        var body = Assert.Single(harness.Web.Requests, request => request.Path == "/hook").Json;
        Assert.Equal("reporter-silent", (string?)body["event"]);
        var line = (string?)Assert.Single(body["lines"]!.AsArray())!["text"];
        Assert.Contains("k8s-prod", line);
        Assert.Contains("silent", line);
        Assert.Equal("https://curator.example.test/settings", (string?)body["url"]);
    }

    [Fact]
    public async Task AQuarantineBecomingDeletableWithinAWeekIsToldToItsTeamOnce()
    {
        await using var harness = await NotificationHarness.StartAsync(database);
        await harness.AddAsync("hook", ChannelKinds.Webhook, harness.Web.Url("/hook"), events: [NotificationEvents.QuarantineExpiring]);
        var now = DateTimeOffset.UtcNow;
        var days = RetentionPolicy.DefaultQuarantineDays;
        await using (var db = database.Contexts.CreateDbContext())
        {
            db.Quarantines.AddRange(
                Quarantined("shop/app", "sha256:soon", now.AddDays(3 - days)),
                Quarantined("shop/app", "sha256:later", now.AddDays(30 - days)),
                Quarantined("care/api", "sha256:restored", now.AddDays(2 - days), restoreRequestedAt: now));
            await db.SaveChangesAsync(Cancellation);
        }

        await harness.SnapshotAsync();
        await harness.DeliveredAsync(1);

        var body = Assert.Single(harness.Web.Requests).Json;
        Assert.Equal("quarantine-expiring", (string?)body["event"]);
        Assert.Equal("shop", (string?)body["team"]);
        var image = Assert.Single(body["data"]!["images"]!.AsArray())!;
        Assert.Equal("sha256:soon", (string?)image["digest"]);
        Assert.Equal($"{Account}/{Region}/shop/app", (string?)image["repository"]);
        Assert.Contains("shop/app: 1 images", (string?)body["lines"]![0]!["text"]);

        await harness.SnapshotAsync();
        await harness.DeliveredAsync(1);

        Assert.Single(await harness.DeliveriesAsync());
    }

    private static QuarantineRow Quarantined(string repository, string digest, DateTimeOffset archivedAt, DateTimeOffset? restoreRequestedAt = null) => new()
    {
        AccountId = Account, Region = Region, Repository = repository, Digest = digest, SizeBytes = 1000, ProposalId = 1,
        ArchivedAt = archivedAt, ArchivedBy = "alice", RestoreRequestedAt = restoreRequestedAt,
    };
}
