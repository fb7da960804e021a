using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Tests.Jobs;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Infrastructure.Tests.Snapshots;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Notifications;

/// <summary>
/// The product on the test database with a job server, the simulator, and real receivers on the loopback: an HTTP
/// listener (Slack and generic webhooks) and an SMTP server.
/// </summary>
public sealed class NotificationHarness : IAsyncDisposable
{
    public const string PublicUrl = "https://curator.example.test";
    public const string Secret = "s3cret-signing-key-of-the-test";

    private NotificationHarness(SnapshotHarness product, WebhookReceiver web, SmtpReceiver mail, LogLines logs, TestDatabase database)
    {
        Product = product;
        Web = web;
        Mail = mail;
        Logs = logs;
        Database = database;
    }

    public SnapshotHarness Product { get; }

    public WebhookReceiver Web { get; }

    public SmtpReceiver Mail { get; }

    public LogLines Logs { get; }

    public TestDatabase Database { get; }

    /// <summary>Two teams, shop (two repositories) and care (one), each repository with one candidate.</summary>
    public static World TwoTeams() => new()
    {
        Accounts =
        [
            new WorldAccount
            {
                AccountId = Account,
                Region = Region,
                Repositories =
                [
                    Repository("shop/app", Image("shop-old", "1", "2026-05-01"), Image("shop-new", "2", "2026-11-20"), Image("shop-newer", "3", "2026-11-21")),
                    Repository("shop/web", Image("web-old", "1", "2026-05-01"), Image("web-new", "2", "2026-11-20"), Image("web-newer", "3", "2026-11-21")),
                    Repository("care/api", Image("care-old", "1", "2026-05-01"), Image("care-new", "2", "2026-11-20"), Image("care-newer", "3", "2026-11-21")),
                ],
            },
        ],
    };

    public static async Task<NotificationHarness> StartAsync(TestDatabase database, World? world = null, params string[] configuration)
    {
        var web = await WebhookReceiver.StartAsync();
        var mail = new SmtpReceiver();
        var logs = new LogLines();
        var product = await SnapshotHarness.StartAsync(database, world ?? TwoTeams(),
        [
            $"--Curator:PublicUrl={PublicUrl}",
            "--Curator:Notifications:Smtp:Host=127.0.0.1",
            $"--Curator:Notifications:Smtp:Port={mail.Port}",
            "--Curator:Notifications:Smtp:Security=None",
            "--Curator:Notifications:Smtp:From=curator@example.test",
            "--Curator:Notifications:FirstRetrySeconds=0",
            .. configuration,
        ], logs);
        await product.StartServerAsync();
        return new NotificationHarness(product, web, mail, logs, database);
    }

    public T Service<T>()
        where T : notnull => Product.Service<T>();

    public Task AddAsync(string name, string kind, string? url = null, string[]? to = null, string[]? teams = null, string[]? events = null, string language = "en") =>
        Service<ChannelBook>().AddAsync(
            new ChannelSpec(name, kind, url, kind == ChannelKinds.Webhook ? Secret : null, to ?? [], teams, events, language), "admin", TestContext.Current.CancellationToken);

    /// <summary>A snapshot, then what a job server does after it (notifications, AutoRun), as the nightly job does.</summary>
    public async Task<SnapshotRow> SnapshotAsync()
    {
        var snapshot = await Product.SnapshotAsync();
        await Service<ExecutionJob>().AfterSnapshotAsync(snapshot.Id, TestContext.Current.CancellationToken);
        return snapshot;
    }

    /// <summary>Waits until no delivery is queued or being retried.</summary>
    public Task DeliveredAsync(int atLeast = 1) => JobWorlds.WaitUntilAsync(
        async () =>
        {
            await using var db = Database.Contexts.CreateDbContext();
            var deliveries = await db.NotificationDeliveries.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
            return deliveries.Count >= atLeast && deliveries.All(row => row.Status is DeliveryStatus.Sent or DeliveryStatus.Failed);
        },
        TimeSpan.FromSeconds(40),
        async () =>
        {
            await using var db = Database.Contexts.CreateDbContext();
            return string.Join("; ", await db.NotificationDeliveries.AsNoTracking().Select(row => $"{row.Id} {row.Event} {row.Status} {row.Attempts} {row.FailureDetail}").ToListAsync());
        });

    public async Task<List<NotificationDeliveryRow>> DeliveriesAsync()
    {
        await using var db = Database.Contexts.CreateDbContext();
        return await db.NotificationDeliveries.AsNoTracking().OrderBy(row => row.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    public async Task<ProposalRow> ProposalAsync(string repository)
    {
        await using var db = Database.Contexts.CreateDbContext();
        var id = await db.Repositories.Where(row => row.Name == repository).Select(row => row.Id).SingleAsync(TestContext.Current.CancellationToken);
        return await db.Proposals.AsNoTracking().OrderByDescending(row => row.Id).FirstAsync(row => row.RepositoryId == id, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Product.DisposeAsync();
        await Web.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
