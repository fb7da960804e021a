using EcrCurator.Web.Components.Shared;

namespace EcrCurator.Web.Features.History;

/// <summary>The audit log as CSV (<see cref="Csv"/>: RFC 4180, formulas neutralised): a header row, then one line per entry, times in ISO 8601 UTC.</summary>
public static class AuditCsv
{
    public const string Header = "id,at,actor,action,target,team,details,actor_kind";

    public static Task WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellation) =>
        CsvDownload.WriteAsync(output, Header, entries, Line, cancellation);

    public static string Line(AuditEntry entry) => Csv.Line(
        Csv.Number(entry.Id), Csv.Time(entry.At), entry.Actor, entry.Action, entry.Target, entry.Team, entry.Details, entry.ActorKind);
}
