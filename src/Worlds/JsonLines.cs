using System.Text.Json;

namespace EcrCurator.Worlds;

/// <summary>Finds the line of the value at a JSON path such as <c>$.accounts[0].clusters[1].name</c>.</summary>
internal static class JsonLines
{
    public static long? LineOf(ReadOnlySpan<byte> utf8, string path)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var frames = new List<Frame>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    frames[^1] = frames[^1] with { Property = reader.GetString() };
                    if (PathOf(frames) == path)
                    {
                        return Line(utf8, reader.TokenStartIndex);
                    }

                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                default:
                    if (frames.Count > 0 && frames[^1].IsArray)
                    {
                        frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
                    }

                    if (PathOf(frames) == path)
                    {
                        return Line(utf8, reader.TokenStartIndex);
                    }

                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, -1, null));
                    }

                    break;
            }
        }

        return null;
    }

    private static string PathOf(List<Frame> frames) =>
        "$" + string.Concat(frames.Select(frame => frame.IsArray ? $"[{frame.Index}]" : $".{frame.Property}"));

    private static long Line(ReadOnlySpan<byte> utf8, long offset) => utf8[..(int)offset].Count((byte)'\n') + 1;

    private sealed record Frame(bool IsArray, int Index, string? Property);
}
