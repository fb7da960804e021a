using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcrCurator.Web.Components.Shared;

namespace EcrCurator.Web.Features.History;

/// <summary>
/// An audit entry's details for reading: its key fields on one line, or the whole JSON indented. Sizes (fields named
/// <c>…Bytes</c>) and times read as the dashboard writes them (<see cref="Display"/>): on the line instead of the raw
/// value, in the JSON beside it.
/// </summary>
public static partial class AuditDetails
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The top-level fields that have a value, as <c>name: value</c>; lists by their length unless short.</summary>
    public static string Summary(string json, Display display, int maxLength = 160)
    {
        if (!TryParse(json, out var document))
        {
            return Cut(json, maxLength);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Cut(json, maxLength);
            }

            var fields = document.RootElement.EnumerateObject()
                .Where(field => field.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                .Select(field => $"{field.Name}: {Readable(field, display) ?? Value(field.Value)}");
            return Cut(string.Join(" · ", fields), maxLength);
        }
    }

    /// <summary>The JSON indented, each size and time followed by how the dashboard writes it: <c>"deletedBytes": 1073741824  (1.00 GiB)</c>.</summary>
    public static string Pretty(string json, Display display)
    {
        if (!TryParse(json, out var document))
        {
            return json;
        }

        using (document)
        {
            var pretty = JsonSerializer.Serialize(document.RootElement, Indented);
            return PrettyField().Replace(pretty, match =>
            {
                var readable = Readable(match.Groups["name"].Value, match.Groups["value"].Value.Trim('"'), display);
                return readable is null ? match.Value : $"{match.Value}  ({readable})";
            });
        }
    }

    /// <summary>A size or a time as the dashboard writes it; null for any other field.</summary>
    private static string? Readable(JsonProperty field, Display display) => field.Value.ValueKind switch
    {
        JsonValueKind.Number or JsonValueKind.String => Readable(field.Name, field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText(), display),
        _ => null,
    };

    private static string? Readable(string name, string value, Display display) =>
        name.EndsWith("Bytes", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes)
            ? Display.Size(bytes)
            : value.Length >= 16 && value[4] == '-' && value[10] == 'T'
              && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? display.Time(at)
                : null;

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Text(value.GetString()!),
        JsonValueKind.Array when value.GetArrayLength() <= 3 && value.EnumerateArray().All(item => item.ValueKind is JsonValueKind.String or JsonValueKind.Number) =>
            $"[{string.Join(", ", value.EnumerateArray().Select(Value))}]",
        JsonValueKind.Array => $"[{value.GetArrayLength()}]",
        JsonValueKind.Object => "{…}",
        _ => value.GetRawText(),
    };

    /// <summary>Digests shortened, long texts cut: the summary is one line.</summary>
    private static string Text(string text) =>
        text.StartsWith("sha256:", StringComparison.Ordinal) ? Approvals.Labels.Short(text) : Cut(text, 60);

    private static bool TryParse(string json, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            document = null!;
            return false;
        }
    }

    private static string Cut(string text, int maxLength) => text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";

    /// <summary>A line of indented JSON that is a field with a number or a string: <c>  "name": value,</c>.</summary>
    [GeneratedRegex(@"""(?<name>[^""\\]+)"": (?<value>-?\d+|""[^""\\]*"")(?=,?$)", RegexOptions.Multiline)]
    private static partial Regex PrettyField();
}
