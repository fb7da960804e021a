using System.IO.Compression;
using System.Text.Json;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>What a snapshot under way stages in the database until it settles (a source's read, a repository): gzip JSON.</summary>
internal static class GzipJson
{
    public static byte[] Pack<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(zip, value, JsonSerializerOptions.Web);
        }

        return buffer.ToArray();
    }

    public static T Unpack<T>(byte[] payload)
    {
        using var zip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(zip, JsonSerializerOptions.Web)
               ?? throw new InvalidOperationException($"A staged {typeof(T).Name} is empty.");
    }
}
