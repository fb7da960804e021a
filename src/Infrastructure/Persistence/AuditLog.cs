using System.Text.Json;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>
/// The one place that writes the audit log (SPEC 6). An entry is added to the caller's unit of work, so it is saved
/// with (and only with) the change it records; the database chains it to the entry before as it inserts it.
/// </summary>
public static class AuditLog
{
    /// <summary>The product's automation (<see cref="Actors.System"/>).</summary>
    public const string System = Actors.System;

    /// <param name="actor">
    /// A person's name, or a name of automation (<see cref="System"/>, <c>cli:USER</c>): the entry's actor kind follows
    /// from it (<see cref="Actors.KindOf"/>), since a person can never hold such a name.
    /// </param>
    /// <param name="at">The time; by default the application's clock (its <see cref="TimeProvider"/>), never the wall clock.</param>
    public static void Record(CuratorDbContext db, string actor, string action, string target, object details, string? team = null, DateTimeOffset? at = null) =>
        db.AuditEntries.Add(new AuditEntryRow
        {
            At = at ?? ClockOf(db).GetUtcNow(),
            Actor = actor,
            ActorKind = Actors.KindOf(actor),
            Action = action,
            Target = target,
            Team = team,
            Details = JsonSerializer.Serialize(details, JsonSerializerOptions.Web),
        });

    /// <summary>The application's clock, which the context's factory knows (its application service provider).</summary>
    private static TimeProvider ClockOf(CuratorDbContext db)
    {
        try
        {
            return db.GetService<TimeProvider>();
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException(
                "An audit entry takes its time from the application's TimeProvider: create the context through the application's IDbContextFactory, or pass the time.");
        }
    }
}
