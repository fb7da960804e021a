using System.Text.Json.Nodes;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Reports;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary>What a snapshot finds that needs a person soon: expected reporters gone silent, quarantines about to end.</summary>
public sealed partial class Notifier
{
    /// <summary>How far ahead a quarantine becoming deletable is told (<c>quarantine-expiring</c>).</summary>
    public const int ExpiringDays = 7;

    /// <summary>
    /// The expected usage reporters whose latest report is too old (or that never reported), to every channel that
    /// wants <c>reporter-silent</c>; after each snapshot while any is silent, since nothing is deleted meanwhile.
    /// </summary>
    private async Task ReportersSilentAsync(CuratorDbContext db, CancellationToken cancellation)
    {
        var silent = (await ReportedUsage.ReadAsync(db, time.GetUtcNow(), cancellation)).Silent;
        if (silent.Count == 0)
        {
            return;
        }

        await QueueAsync(db, NotificationEvents.ReporterSilent, null, [], language => new NotificationMessage(
            NotificationEvents.ReporterSilent, null, language,
            MessageTexts.Of(language, "SilentTitle", silent.Count),
            MessageTexts.Of(language, "SilentText"),
            Link("/settings"),
            [.. silent.Select(reason => new MessageLine(reason))],
            new JsonObject { ["silent"] = new JsonArray([.. silent.Select(reason => (JsonNode)JsonValue.Create(reason))]) }), cancellation);
    }

    /// <summary>
    /// Per team, the quarantined images (neither restored nor deleted) that become deletable within
    /// <see cref="ExpiringDays"/> days: each is told once, by the first snapshot after it came within that reach.
    /// </summary>
    private async Task QuarantineExpiringAsync(CuratorDbContext db, SnapshotRow snapshot, CancellationToken cancellation)
    {
        var open = await db.Quarantines.AsNoTracking().Where(row => row.RestoreRequestedAt == null && row.DeletedAt == null).ToListAsync(cancellation);
        if (open.Count == 0)
        {
            return;
        }

        var previous = await db.Snapshots.AsNoTracking().Where(row => row.Id < snapshot.Id).OrderByDescending(row => row.Id)
            .Select(row => (DateTimeOffset?)row.StartedAt).FirstOrDefaultAsync(cancellation);
        var policies = await StoredPolicies.OverAsync(retention.Value.ToPolicySet(), db, cancellation);
        var repositories = await db.Repositories.AsNoTracking().ToListAsync(cancellation);
        var expiring = open
            .Select(row =>
            {
                var key = new RepositoryKey(row.AccountId, row.Region, row.Repository);
                var repository = repositories.FirstOrDefault(r => r.AccountId == key.AccountId && r.Region == key.Region && r.Name == key.Name);
                var team = repository?.Team ?? TeamRules.Unassigned;
                return (Row: row, Key: key, Repository: repository, Team: team, Deletable: policies.For(key, team).QuarantineEndsAt(row.ArchivedAt));
            })
            .Where(row => row.Deletable > snapshot.StartedAt && row.Deletable <= snapshot.StartedAt.AddDays(ExpiringDays)
                          && (previous is null || row.Deletable > previous.Value.AddDays(ExpiringDays)))
            .ToList();
        foreach (var team in expiring.GroupBy(row => row.Team).OrderBy(team => team.Key, StringComparer.Ordinal))
        {
            var byRepository = team.GroupBy(row => row.Key.ToString()).OrderBy(group => group.Min(row => row.Deletable)).ToList();
            await QueueAsync(db, NotificationEvents.QuarantineExpiring, team.Key, [], language => new NotificationMessage(
                NotificationEvents.QuarantineExpiring, team.Key, language,
                MessageTexts.Of(language, "ExpiringTitle", team.Key, ExpiringDays),
                MessageTexts.Of(language, "ExpiringText"),
                Link("/"),
                [
                    .. byRepository.Select(group => new MessageLine(
                        MessageTexts.Of(language, "Expiring", group.First().Key.Name, group.Count(), MessageTexts.Bytes(group.Sum(row => row.Row.SizeBytes)), MessageTexts.Time(group.Min(row => row.Deletable))),
                        group.First().Repository is { } repository ? Link($"/repositories/{repository.Id}") : null)),
                ],
                new JsonObject
                {
                    ["images"] = new JsonArray([.. team.OrderBy(row => row.Deletable).Select(row => (JsonNode)new JsonObject
                    {
                        ["repository"] = row.Key.ToString(),
                        ["digest"] = row.Row.Digest,
                        ["sizeBytes"] = row.Row.SizeBytes,
                        ["proposal"] = row.Row.ProposalId,
                        ["deletableAt"] = row.Deletable,
                    })]),
                }), cancellation);
        }
    }
}
