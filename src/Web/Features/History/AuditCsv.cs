using System.Globalization;
using System.Text;

namespace EcrCurator.Web.Features.History;

/// <summary>The audit log as CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they hold a comma, a quote or a line break, times in ISO 8601 UTC.</summary>
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

    public static string Line(AuditEntry entry) => string.Join(
        ',',
        entry.Id.ToString(CultureInfo.InvariantCulture),
        Time(entry.At),
        Field(entry.Actor),
        Field(entry.Action),
        Field(entry.Target),
        Field(entry.Team),
        Field(entry.Details),
        Field(entry.ActorKind)) + "\r\n";

    /// <summary>ISO 8601 in UTC, to the microsecond PostgreSQL keeps.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
