using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EcrCurator.Infrastructure.Aws;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>JSON compared as JSON: members in any order, arrays in order, numbers by value.</summary>
public static class JsonComparison
{
    /// <summary>The client's models written back with the wire's names and epoch seconds, unset members as null.</summary>
    public static readonly JsonSerializerOptions AsRead = new(AwsJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Where two JSON documents differ (exactly: member names are case-sensitive); empty when they are the same.</summary>
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual)
    {
        var found = new List<string>();
        Compare("$", expected, actual, found);
        return found;
    }

    public static void AssertSameJson(string expected, string actual, string what)
    {
        var differences = Differences(JsonNode.Parse(expected), JsonNode.Parse(actual));
        Assert.True(differences.Count == 0, $"{what} differs from the official SDK's:\n  {string.Join("\n  ", differences)}\nofficial: {expected}\nthis client: {actual}");
    }

    /// <summary>
    /// Where what this client read differs from what the official SDK parsed: every member of the client's model must
    /// hold the SDK's value (timestamps as epoch seconds), and a member the client read as null must be one the SDK
    /// did not find either. Members only the SDK reads are not the client's business.
    /// </summary>
    public static IReadOnlyList<string> ReadDifferences(JsonNode? sdk, JsonNode? client)
    {
        var found = new List<string>();
        CompareRead("$", sdk, client, found);
        return found;
    }

    public static void AssertReadTheSame(JsonNode? sdk, object? clientValue, string what)
    {
        var client = clientValue as JsonNode ?? JsonSerializer.SerializeToNode(clientValue, clientValue?.GetType() ?? typeof(object), AsRead);
        var differences = ReadDifferences(sdk, client);
        Assert.True(differences.Count == 0, $"{what}: this client read otherwise than the official SDK:\n  {string.Join("\n  ", differences)}\nSDK: {sdk?.ToJsonString()}\nthis client: {client?.ToJsonString()}");
    }

    private static void Compare(string path, JsonNode? expected, JsonNode? actual, List<string> found)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in e)
                {
                    if (!a.ContainsKey(name))
                    {
                        found.Add($"{path}.{name}: missing (official: {value?.ToJsonString() ?? "null"})");
                    }
                    else
                    {
                        Compare($"{path}.{name}", value, a[name], found);
                    }
                }

                foreach (var (name, value) in a.Where(member => !e.ContainsKey(member.Key)))
                {
                    found.Add($"{path}.{name}: not sent by the official SDK (this client: {value?.ToJsonString() ?? "null"})");
                }

                return;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    found.Add($"{path}: {a.Count} items, official {e.Count}");
                }

                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    Compare($"{path}[{i}]", e[i], a[i], found);
                }

                return;
            case (JsonValue e, JsonValue a) when SameScalar(e, a):
                return;
            default:
                found.Add($"{path}: {actual?.ToJsonString() ?? "null"}, official {expected?.ToJsonString() ?? "null"}");
                return;
        }
    }

    private static void CompareRead(string path, JsonNode? sdk, JsonNode? client, List<string> found)
    {
        switch (sdk, client)
        {
            case (null, null):
                return;
            case (JsonObject date, JsonValue seconds) when date.ContainsKey("$date"):
                var expected = (double)date["epochSeconds"]!;
                var actual = double.Parse(seconds.ToJsonString(), CultureInfo.InvariantCulture);
                if (Math.Abs(expected - actual) > 1e-6)
                {
                    found.Add($"{path}: {actual} s, SDK {expected} s ({date["$date"]})");
                }

                return;
            case (JsonObject s, JsonObject c):
                foreach (var (name, value) in c)
                {
                    var match = s.FirstOrDefault(member => string.Equals(member.Key, name, StringComparison.OrdinalIgnoreCase));
                    if (value is null)
                    {
                        if (match.Value is not null)
                        {
                            found.Add($"{path}.{name}: read nothing, SDK read {match.Value.ToJsonString()}");
                        }
                    }
                    else if (match.Key is null)
                    {
                        found.Add($"{path}.{name}: read {value.ToJsonString()}, SDK has no such member");
                    }
                    else
                    {
                        CompareRead($"{path}.{name}", match.Value, value, found);
                    }
                }

                return;
            case (JsonArray s, JsonArray c):
                if (s.Count != c.Count)
                {
                    found.Add($"{path}: {c.Count} items, SDK {s.Count}");
                }

                for (var i = 0; i < Math.Min(s.Count, c.Count); i++)
                {
                    CompareRead($"{path}[{i}]", s[i], c[i], found);
                }

                return;
            case (JsonValue s, JsonValue c) when SameScalar(s, c):
                return;
            default:
                found.Add($"{path}: read {client?.ToJsonString() ?? "null"}, SDK {sdk?.ToJsonString() ?? "null"}");
                return;
        }
    }

    private static bool SameScalar(JsonValue expected, JsonValue actual) =>
        (expected.GetValueKind(), actual.GetValueKind()) switch
        {
            (JsonValueKind.Number, JsonValueKind.Number) => Number(expected) == Number(actual),
            (JsonValueKind.String, JsonValueKind.String) => (string)expected! == (string)actual!,
            (var e, var a) => e == a && e is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null,
        };

    private static decimal Number(JsonValue value) => decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
