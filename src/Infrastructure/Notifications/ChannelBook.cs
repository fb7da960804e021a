using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary>
/// The channels, as the Settings page and <c>channel add|list|remove</c> manage them: checked, audited with the
/// person's name (never the URL or the secret, which are stored encrypted and never read back).
/// </summary>
public sealed partial class ChannelBook(IDbContextFactory<CuratorDbContext> contexts, ChannelSecrets secrets, Notifier notifier, TimeProvider time)
{
    /// <returns>The channel, and the signing secret generated for a generic webhook given none (shown once).</returns>
    /// <exception cref="ChannelException">Naming the option that is wrong.</exception>
    public async Task<(ChannelView Channel, string? GeneratedSecret)> AddAsync(ChannelSpec spec, string actor, CancellationToken cancellation)
    {
        Check(spec);
        string? generated = null;
        var secret = spec.Secret;
        if (spec.Kind == ChannelKinds.Webhook && string.IsNullOrEmpty(secret))
        {
            secret = generated = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellation);
        if (await db.NotificationChannels.AnyAsync(row => row.Name == spec.Name, cancellation))
        {
            throw new ChannelException($"--name: a channel named {spec.Name} exists already; remove it first to replace it.");
        }

        var row = new NotificationChannelRow
        {
            Name = spec.Name,
            Kind = spec.Kind,
            Language = spec.Language,
            Teams = spec.Teams is null ? null : [.. spec.Teams],
            Events = spec.Events is null ? null : [.. spec.Events],
            ProtectedUrl = spec.Url is null ? null : secrets.Protect(spec.Url),
            ProtectedSecret = spec.Kind == ChannelKinds.Webhook ? secrets.Protect(secret!) : null,
            Recipients = [.. spec.Recipients],
            CreatedBy = actor,
            CreatedAt = time.GetUtcNow(),
        };
        db.NotificationChannels.Add(row);
        AuditLog.Record(db, actor, "channel.added", Target(spec.Name), new
        {
            spec.Name, spec.Kind, spec.Language, teams = row.TeamsText, events = row.EventsText, recipients = spec.Recipients,
            url = spec.Url is null ? null : "(set)", secret = row.ProtectedSecret is null ? null : "(set)",
        });
        try
        {
            await db.SaveChangesAsync(cancellation);
        }
        catch (DbUpdateException)
        {
            throw new ChannelException($"--name: a channel named {spec.Name} exists already; remove it first to replace it.");
        }

        return (View(row, null), generated);
    }

    public async Task<IReadOnlyList<ChannelView>> ListAsync(CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var channels = await db.NotificationChannels.AsNoTracking().OrderBy(row => row.Name).ToListAsync(cancellation);
        var ids = channels.Select(channel => channel.Id).ToList();
        var last = await db.NotificationDeliveries.AsNoTracking()
            .Where(delivery => ids.Contains(delivery.ChannelId) && delivery.LastAttemptAt != null)
            .GroupBy(delivery => delivery.ChannelId)
            .Select(group => group.OrderByDescending(delivery => delivery.LastAttemptAt).First())
            .ToDictionaryAsync(delivery => delivery.ChannelId, cancellation);
        var pending = await db.NotificationDeliveries.AsNoTracking()
            .Where(delivery => ids.Contains(delivery.ChannelId) && (delivery.Status == DeliveryStatus.Queued || delivery.Status == DeliveryStatus.Retrying))
            .GroupBy(delivery => delivery.ChannelId)
            .Select(group => new { group.Key, Count = group.Count() })
            .ToDictionaryAsync(group => group.Key, group => group.Count, cancellation);
        return [.. channels.Select(channel => View(channel, last.GetValueOrDefault(channel.Id)) with { Pending = pending.GetValueOrDefault(channel.Id) })];
    }

    /// <summary>A channel's latest deliveries, newest first.</summary>
    public async Task<IReadOnlyList<DeliveryView>> DeliveriesAsync(string name, int count, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var channel = await FindAsync(db, name, cancellation);
        return await db.NotificationDeliveries.AsNoTracking()
            .Where(delivery => delivery.ChannelId == channel.Id)
            .OrderByDescending(delivery => delivery.Id)
            .Take(count)
            .Select(delivery => new DeliveryView(delivery.Id, delivery.Event, delivery.Team, delivery.Status, delivery.Attempts, delivery.FailureStatus, delivery.FailureDetail, delivery.CreatedAt, delivery.LastAttemptAt, delivery.SentAt))
            .ToListAsync(cancellation);
    }

    public async Task RemoveAsync(string name, string actor, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var channel = await FindAsync(db, name, cancellation);
        db.NotificationChannels.Remove(channel);
        AuditLog.Record(db, actor, "channel.removed", Target(name), new { channel.Name, channel.Kind });
        await db.SaveChangesAsync(cancellation);
    }

    /// <summary>"Send a test message" to the channel (a delivery like any other, kept with its outcome).</summary>
    public async Task TestAsync(string name, string actor, CancellationToken cancellation)
    {
        long id;
        await using (var db = await contexts.CreateDbContextAsync(cancellation))
        {
            id = (await FindAsync(db, name, cancellation)).Id;
        }

        await notifier.TestAsync(id, actor, cancellation);
    }

    /// <summary>Refuses what cannot work, naming the option (as <c>channel add</c> spells it).</summary>
    public static void Check(ChannelSpec spec)
    {
        if (!NamePattern().IsMatch(spec.Name))
        {
            throw new ChannelException($"--name '{spec.Name}' is not a channel name: 1 to 100 letters, digits, '.', '_' or '-'.");
        }

        if (!ChannelKinds.All.Contains(spec.Kind))
        {
            throw new ChannelException($"--kind '{spec.Kind}' is not a kind of channel: use {string.Join(", ", ChannelKinds.All)}.");
        }

        if (spec.Language is not ("en" or "ja"))
        {
            throw new ChannelException($"--language '{spec.Language}' is not offered: use en or ja.");
        }

        if (spec.Events?.FirstOrDefault(name => !NotificationEvents.All.Contains(name)) is { } unknown)
        {
            throw new ChannelException($"--events: '{unknown}' is not an event; the events are {string.Join(", ", NotificationEvents.All)} (or all).");
        }

        if (spec.Teams is { Count: 0 } || spec.Teams?.Any(string.IsNullOrWhiteSpace) == true)
        {
            throw new ChannelException("--teams names no team: give TEAM,… or all.");
        }

        if (spec.Kind == ChannelKinds.Email)
        {
            if (spec.Url is not null || spec.Secret is not null)
            {
                throw new ChannelException("--url and --secret are for slack and webhook channels; an email channel takes --to ADDRESS[,…].");
            }

            if (spec.Recipients.Count == 0)
            {
                throw new ChannelException("--to is missing: an email channel needs ADDRESS[,…].");
            }

            if (spec.Recipients.FirstOrDefault(address => !MailAddress.TryCreate(address, out _)) is { } wrong)
            {
                throw new ChannelException($"--to: '{wrong}' is not an email address.");
            }

            return;
        }

        if (spec.Recipients.Count > 0)
        {
            throw new ChannelException("--to is for email channels; a slack or webhook channel takes --url URL.");
        }

        if (!Uri.TryCreate(spec.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new ChannelException("--url is missing or not an absolute http(s) URL: a slack or webhook channel needs the address to post to.");
        }

        if (spec.Kind == ChannelKinds.Slack && spec.Secret is not null)
        {
            throw new ChannelException("--secret is for webhook channels: a Slack incoming webhook's URL is its secret.");
        }
    }

    private static async Task<NotificationChannelRow> FindAsync(CuratorDbContext db, string name, CancellationToken cancellation) =>
        await db.NotificationChannels.SingleOrDefaultAsync(row => row.Name == name, cancellation)
        ?? throw new ChannelException($"There is no channel named {name}.");

    private static ChannelView View(NotificationChannelRow row, NotificationDeliveryRow? last) => new(
        row.Id, row.Name, row.Kind, row.Language, row.TeamsText, row.EventsText, row.Recipients, row.ProtectedUrl is not null, row.ProtectedSecret is not null,
        row.ConsecutiveFailures, last?.Status, last?.LastAttemptAt, last?.FailureStatus, last?.FailureDetail);

    private static string Target(string name) => $"channel/{name}";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex NamePattern();
}
