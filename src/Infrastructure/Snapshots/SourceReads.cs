using System.IO.Compression;
using System.Text.Json;
using EcrCurator.Infrastructure.Inventory;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>A source's read as it waits in the database for the snapshot to settle: gzip JSON.</summary>
internal static class SourceReads
{
    public static byte[] Pack(SourceRead read)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(zip, read, JsonSerializerOptions.Web);
        }

        return buffer.ToArray();
    }

    public static SourceRead Unpack(byte[] payload)
    {
        using var zip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<SourceRead>(zip, JsonSerializerOptions.Web)
               ?? throw new InvalidOperationException("A stored source read is empty.");
    }
}
