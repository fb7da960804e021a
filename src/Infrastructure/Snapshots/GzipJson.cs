using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EcrCurator.Domain;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>What a snapshot under way stages in the database until it settles (a source's read, a repository): gzip JSON.</summary>
internal static class GzipJson
{
    /// <summary>The web defaults, with a usage site written with its kind (<c>"$site": "ecs"</c> or <c>"lambda"</c>) so it reads back as one.</summary>
    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { UsageSites } },
    };

    public static byte[] Pack<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(zip, value, Options);
        }

        return buffer.ToArray();
    }

    public static T Unpack<T>(byte[] payload)
    {
        using var zip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(zip, Options)
               ?? throw new InvalidOperationException($"A staged {typeof(T).Name} is empty.");
    }

    private static void UsageSites(JsonTypeInfo type)
    {
        if (type.Type == typeof(UsageSite))
        {
            type.PolymorphismOptions = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = "$site",
                DerivedTypes = { new JsonDerivedType(typeof(EcsSite), "ecs"), new JsonDerivedType(typeof(LambdaSite), "lambda"), new JsonDerivedType(typeof(ReportSite), "report") },
            };
        }
    }
}
