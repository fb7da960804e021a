using System.Globalization;
using System.Text;
using EcrCurator.Web.Components.Shared;

namespace EcrCurator.Web.Features.History;

/// <summary>The audit log as CSV (<see cref="Csv"/>: RFC 4180, formulas neutralised): a header row, then one line per entry, times in ISO 8601 UTC.</summary>
public static class AuditCsv
{
    public const string Header = "id,at,actor,action,target,team,details,actor_kind";

    private const int FlushEvery = 500;

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellation)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(Header + "\r\n");
        var written = 0;
        await foreach (var entry in entries.WithCancellation(cancellation))
        {
            await writer.WriteAsync(Line(entry));
            if (++written % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellation);
            }
        }

        await writer.FlushAsync(cancellation);
    }

    public static string Line(AuditEntry entry) => Csv.Line(
        entry.Id.ToString(CultureInfo.InvariantCulture), Time(entry.At), entry.Actor, entry.Action, entry.Target, entry.Team, entry.Details, entry.ActorKind);

    /// <summary>ISO 8601 in UTC, to the microsecond PostgreSQL keeps.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
