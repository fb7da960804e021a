using System.Globalization;
using EcrCurator.Web.Components.Shared;

namespace EcrCurator.Web.Features.History;

/// <summary>The audit log as CSV (<see cref="Csv"/>: RFC 4180, formulas neutralised): a header row, then one line per entry, times in ISO 8601 UTC.</summary>
public static class AuditCsv
{
    public const string Header = "id,at,actor,action,target,team,details,actor_kind";

    public static Task WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellation) =>
        CsvDownload.WriteAsync(output, Header, entries, Line, cancellation);

    public static string Line(AuditEntry entry) => Csv.Line(
        entry.Id.ToString(CultureInfo.InvariantCulture), Time(entry.At), entry.Actor, entry.Action, entry.Target, entry.Team, entry.Details, entry.ActorKind);

    /// <summary>ISO 8601 in UTC, to the microsecond PostgreSQL keeps.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
