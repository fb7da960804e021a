using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcrCurator.AwsSimulator.Protocol;

/// <summary>The JSON 1.1 conventions: camelCase members, unset members omitted, timestamps as epoch seconds.</summary>
internal static class AwsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new EpochSecondsConverter() },
    };

    /// <summary>Writes <c>1700000000</c> or <c>1700000000.5</c>, as AWS does; reads either, or an ISO-8601 string.</summary>
    private sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDecimal() * 1000m))
                : DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        {
            var milliseconds = value.ToUnixTimeMilliseconds();
            var seconds = Math.DivRem(milliseconds, 1000, out var fraction);
            if (fraction == 0)
            {
                writer.WriteNumberValue(seconds);
            }
            else
            {
                writer.WriteRawValue(FormattableString.Invariant($"{seconds}.{fraction:000}").TrimEnd('0'));
            }
        }
    }
}
