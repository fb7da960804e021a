using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>The JSON 1.1 wire format: camelCase members, unset ones omitted, timestamps in epoch seconds.</summary>
public static class AwsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new EpochSecondsConverter() },
    };
}
