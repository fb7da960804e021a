using System.Text.Json;

namespace EcrCurator.Web.Features.History;

/// <summary>An audit entry's details for reading: its key fields on one line, or the whole JSON indented.</summary>
public static class AuditDetails
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The top-level fields that have a value, as <c>name: value</c>; lists by their length unless short.</summary>
    public static string Summary(string json, int maxLength = 160)
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
                .Select(field => $"{field.Name}: {Value(field.Value)}");
            return Cut(string.Join(" · ", fields), maxLength);
        }
    }

    public static string Pretty(string json)
    {
        if (!TryParse(json, out var document))
        {
            return json;
        }

        using (document)
        {
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
    }

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
}
