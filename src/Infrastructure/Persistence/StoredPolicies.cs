using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>
/// Pins and policies kept in the database, over the policies of the configuration: at each level (default, team,
/// repository) a stored policy overrides the configured one field by field.
/// </summary>
public static class StoredPolicies
{
    public static async Task<PolicySet> OverAsync(PolicySet configured, CuratorDbContext db, CancellationToken cancellation) =>
        Over(configured, await db.Policies.AsNoTracking().OrderBy(policy => policy.Id).ToListAsync(cancellation));

    /// <summary>The policies of <paramref name="rows"/> (in id order) over the configured ones.</summary>
    public static PolicySet Over(PolicySet configured, IReadOnlyList<PolicyRow> rows)
    {
        var stored = rows.FirstOrDefault(policy => policy.Scope == "Default");
        return new PolicySet(
            stored is null ? configured.Default : Merge(configured.Default, ToOverride(stored)),
            [.. configured.Teams, .. rows.Where(policy => policy.Scope == "Team").Select(policy => new TeamPolicy(policy.Team!, ToOverride(policy)))],
            [
                .. configured.Repositories,
                .. rows.Where(policy => policy.Scope == "Repository").Select(policy => new RepositoryPolicy(policy.Repository!, ToOverride(policy))
                {
                    AccountId = policy.AccountId,
                    Region = policy.Region,
                }),
            ]);
    }

    public static async Task<IReadOnlyList<Pin>> PinsAsync(CuratorDbContext db, CancellationToken cancellation) =>
        await db.Pins.AsNoTracking()
            .Select(pin => new Pin(new RepositoryKey(pin.AccountId, pin.Region, pin.Repository), pin.Digest, pin.ExpiresAt))
            .ToListAsync(cancellation);

    /// <summary>The images the product quarantined and has neither restored nor deleted since, for the engine.</summary>
    public static async Task<IReadOnlyList<QuarantinedImage>> QuarantinesAsync(CuratorDbContext db, CancellationToken cancellation) =>
        await db.Quarantines.AsNoTracking()
            .Where(quarantine => quarantine.RestoreRequestedAt == null && quarantine.DeletedAt == null)
            .Select(quarantine => new QuarantinedImage(new RepositoryKey(quarantine.AccountId, quarantine.Region, quarantine.Repository), quarantine.Digest, quarantine.ArchivedAt))
            .ToListAsync(cancellation);

    public static PolicyOverride ToOverride(PolicyRow row) => Fields(row).ToOverride();

    /// <summary>A stored policy's fields (null: inherit).</summary>
    public static PolicyFields Fields(PolicyRow row) => new()
    {
        WindowDays = row.WindowDays,
        DeleteUntagged = row.DeleteUntagged,
        KeepNewest = row.KeepNewest,
        KeepPulledWithinDays = row.KeepPulledWithinDays,
        KeepTagPatterns = row.KeepTagPatterns is null ? null : [.. row.KeepTagPatterns],
        KeepRollbackRevisions = row.KeepRollbackRevisions,
        Excluded = row.Excluded,
        Mode = row.Mode is null ? null : Enum.Parse<RetentionMode>(row.Mode),
        Action = row.Action is null ? null : Enum.Parse<RetentionAction>(row.Action),
        QuarantineDays = row.QuarantineDays,
        NoticeHours = row.NoticeHours,
    };

    /// <summary>Writes <paramref name="fields"/> into a stored policy.</summary>
    public static void Store(PolicyFields fields, PolicyRow row)
    {
        row.WindowDays = fields.WindowDays;
        row.DeleteUntagged = fields.DeleteUntagged;
        row.KeepNewest = fields.KeepNewest;
        row.KeepPulledWithinDays = fields.KeepPulledWithinDays;
        row.KeepTagPatterns = fields.KeepTagPatterns is null ? null : [.. fields.KeepTagPatterns];
        row.KeepRollbackRevisions = fields.KeepRollbackRevisions;
        row.Excluded = fields.Excluded;
        row.Mode = fields.Mode?.ToString();
        row.Action = fields.Action?.ToString();
        row.QuarantineDays = fields.QuarantineDays;
        row.NoticeHours = fields.NoticeHours;
    }

    private static PolicyOverride Merge(PolicyOverride under, PolicyOverride over) => new()
    {
        WindowDays = over.WindowDays ?? under.WindowDays,
        DeleteUntagged = over.DeleteUntagged ?? under.DeleteUntagged,
        KeepNewest = over.KeepNewest ?? under.KeepNewest,
        KeepPulledWithinDays = over.KeepPulledWithinDays ?? under.KeepPulledWithinDays,
        KeepTagPatterns = over.KeepTagPatterns ?? under.KeepTagPatterns,
        KeepRollbackRevisions = over.KeepRollbackRevisions ?? under.KeepRollbackRevisions,
        Excluded = over.Excluded ?? under.Excluded,
        Mode = over.Mode ?? under.Mode,
        Action = over.Action ?? under.Action,
        QuarantineDays = over.QuarantineDays ?? under.QuarantineDays,
        NoticeHours = over.NoticeHours ?? under.NoticeHours,
    };
}
