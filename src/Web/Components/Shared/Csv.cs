using System.Globalization;

namespace EcrCurator.Web.Components.Shared;

/// <summary>
/// Cells of every CSV export (RFC 4180): quoted when they hold a comma, a quote or a line break; and, as OWASP advises
/// against CSV injection, a cell a spreadsheet would read as a formula (beginning with =, +, -, @, a tab or a carriage
/// return) begins with an apostrophe, so that a tag value <c>=HYPERLINK(…)</c> opens as text, not as a live link.
/// </summary>
public static class Csv
{
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    /// <summary>A number as software reads it back: no separators, whatever the culture.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC, to the microsecond PostgreSQL keeps; empty for no time.</summary>
    public static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>One record: the fields, each through <see cref="Field"/>, and CRLF.</summary>
    public static string Line(params IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";
}
