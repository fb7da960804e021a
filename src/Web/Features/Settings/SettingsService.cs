using System.Text.Json;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Features.Settings;

/// <summary>
/// What the Settings page reads and does: retention policies, the run-time settings, the kill switch, a snapshot on
/// demand. Every change needs an Admin and is audited with the person's name and the values before and after.
/// </summary>
public sealed partial class SettingsService(
    IDbContextFactory<CuratorDbContext> contexts,
    CurrentUser user,
    IOptions<RetentionOptions> retention,
    JobSchedule schedule,
    JobQueue jobs,
    ExecutionRecovery recovery,
    TimeProvider time)
{
    private readonly IDbContextFactory<CuratorDbContext> _contexts = contexts;
    private readonly CurrentUser _user = user;

    public async Task<SettingsValues> GetSettingsAsync(CancellationToken cancellation = default)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the settings");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        return SettingsValues.Of(await db.Settings.AsNoTracking().SingleAsync(cancellation));
    }

    /// <summary>Whether the kill switch is on, and who last turned it (from the audit log).</summary>
    public async Task<KillSwitchState> GetKillSwitchAsync(CancellationToken cancellation = default)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the settings");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var on = await db.Settings.AsNoTracking().Select(settings => settings.KillSwitch).SingleAsync(cancellation);
        var last = await db.AuditEntries.AsNoTracking()
            .Where(entry => entry.Action == "killswitch.changed")
            .OrderByDescending(entry => entry.At)
            .Select(entry => new { entry.Actor, entry.At })
            .FirstOrDefaultAsync(cancellation);
        return new KillSwitchState(on, last?.Actor, last?.At);
    }

    /// <summary>Saves every setting of the form (not the kill switch); a new schedule applies to the recurring snapshot at once.</summary>
    /// <exception cref="EditConflictException">When someone else changed the settings since <see cref="SettingsValues.Version"/>.</exception>
    public async Task<SettingsValues> SaveSettingsAsync(SettingsValues values, CancellationToken cancellation = default)
    {
        var actor = await _user.RequireAsync(CuratorRoles.Admin, "change the settings");
        var problems = SettingsRules.Problems(values).ToList();
        if (problems.Count > 0)
        {
            throw new DashboardException($"The settings were not saved: {string.Join(" ", problems)}");
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var row = await db.Settings.SingleAsync(cancellation);
        db.Entry(row).Property(settings => settings.Version).OriginalValue = values.Version;
        var before = SettingsValues.Of(row);
        values.ApplyTo(row);
        var after = SettingsValues.Of(row);
        var changed = SettingsValues.Editable.Where(field => !Equals(field.Value(before), field.Value(after))).ToList();
        var changes = changed.ToDictionary(field => JsonNamingPolicy.CamelCase.ConvertName(field.Name), field => new { before = field.Value(before), after = field.Value(after) });
        if (changes.Count == 0)
        {
            return before;
        }

        var now = time.GetUtcNow();
        (row.UpdatedBy, row.UpdatedAt) = (actor, now);
        AuditLog.Record(db, actor, "settings.changed", "settings", new { changes }, at: now);
        await SaveAsync(db, () => SettingsConflictAsync(cancellation), cancellation);
        if (changed.Any(field => field.Name is nameof(SettingsValues.SnapshotCron) or nameof(SettingsValues.TimeZone)))
        {
            await schedule.ApplyAsync(cancellation);
        }

        return SettingsValues.Of(row);
    }

    /// <summary>
    /// Turns the kill switch on (every execution stops before its next batch) or off; off, the executions it held are
    /// queued again (within the execution window), each under the name of the approver who completed its proposal.
    /// </summary>
    public async Task<SettingsValues> SetKillSwitchAsync(bool on, CancellationToken cancellation = default)
    {
        var actor = await _user.RequireAsync(CuratorRoles.Admin, on ? "turn the kill switch on" : "turn the kill switch off");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var row = await db.Settings.SingleAsync(cancellation);
        if (row.KillSwitch == on)
        {
            return SettingsValues.Of(row);
        }

        List<long> stopped = on ? [] : await db.Proposals
            .Where(proposal => proposal.Status == ProposalStatus.Approved && proposal.StatusReason != null && proposal.StatusReason.EndsWith(ExecutionService.KillSwitchReason))
            .Select(proposal => proposal.Id)
            .ToListAsync(cancellation);
        var now = time.GetUtcNow();
        (row.KillSwitch, row.UpdatedBy, row.UpdatedAt) = (on, actor, now);
        AuditLog.Record(db, actor, "killswitch.changed", "settings/kill-switch", new { before = !on, after = on, resumed = stopped }, at: now);
        await SaveAsync(db, () => SettingsConflictAsync(cancellation), cancellation);
        if (!on)
        {
            await recovery.RequeueAsync($"the kill switch was turned off by {actor}", cancellation);
        }

        return SettingsValues.Of(row);
    }

    private async Task<EditConflictException> SettingsConflictAsync(CancellationToken cancellation)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var current = await db.Settings.AsNoTracking().SingleAsync(cancellation);
        return new EditConflictException(
            $"{current.UpdatedBy} changed the settings at {current.UpdatedAt:yyyy-MM-dd HH:mm} UTC while you were editing; nothing was saved. Reload the page to see their values, then try again.");
    }

    /// <summary>Saves, turning a lost race on a row version into a message that says who won.</summary>
    private static async Task SaveAsync(CuratorDbContext db, Func<Task<EditConflictException>> conflict, CancellationToken cancellation)
    {
        try
        {
            await db.SaveChangesAsync(cancellation);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await conflict();
        }
    }
}

public sealed record KillSwitchState(bool On, string? ChangedBy, DateTimeOffset? ChangedAt);

/// <summary>Someone else changed what a person was editing; nothing of theirs was saved.</summary>
public sealed class EditConflictException(string message) : DashboardException(message);
