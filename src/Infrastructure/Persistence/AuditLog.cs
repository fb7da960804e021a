using System.Text.Json;
using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>
/// The one place that writes the audit log (SPEC 6). An entry is added to the caller's unit of work, so it is saved
/// with (and only with) the change it records.
/// </summary>
public static class AuditLog
{
    public const string System = "system";

    public static void Record(CuratorDbContext db, string actor, string action, string target, object details, string? team = null, DateTimeOffset? at = null) =>
        db.AuditEntries.Add(new AuditEntryRow
        {
            At = at ?? DateTimeOffset.UtcNow,
            Actor = actor,
            Action = action,
            Target = target,
            Team = team,
            Details = JsonSerializer.Serialize(details, JsonSerializerOptions.Web),
        });
}
