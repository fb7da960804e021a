using System.Text;
using System.Text.Json.Nodes;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>One HTTP request as it reached a listener: the official SDK's (from a capture file) or this client's.</summary>
public sealed record CapturedRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The header's values joined by commas, as HTTP combines them; null when it was not sent.</summary>
    public string? Header(string name)
    {
        var values = Headers.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).ToList();
        return values.Count == 0 ? null : string.Join(",", values);
    }

    public IReadOnlySet<string> HeaderNames => Headers.Select(header => header.Key.ToLowerInvariant()).ToHashSet();

    public CapturedRequest WithBody(string body) => this with { Body = Encoding.UTF8.GetBytes(body) };

    public CapturedRequest WithHeader(string name, string value) =>
        this with { Headers = [.. Headers.Where(header => !string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)), new(name, value)] };
}

/// <summary>
/// What the official AWS SDK for JavaScript v3 sent and parsed for one operation, as written by
/// <c>capture/capture.mjs</c> into <c>captures/</c> (copied next to the test assembly).
/// </summary>
public sealed class SdkCapture
{
    private SdkCapture(string name, JsonObject root)
    {
        Name = name;
        Root = root;
        Exchanges = [.. root["exchanges"]!.AsArray().Select(exchange => new SdkExchange(
            RequestFrom(exchange!["request"]!),
            (int)exchange["responseStatus"]!,
            (string)exchange["responseBody"]!))];
        ParsedOutputs = [.. root["parsedOutputs"]!.AsArray().Select(output => WithoutMetadata(output!.AsObject()))];
    }

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Aws", "Conformance", "captures");

    public string Name { get; }

    public JsonObject Root { get; }

    public string Service => (string)Root["service"]!;

    public string Operation => (string)Root["operation"]!;

    public JsonObject Input => Root["input"]!.AsObject();

    public IReadOnlyList<SdkExchange> Exchanges { get; }

    /// <summary>What the SDK returned for each page, without <c>$metadata</c>.</summary>
    public IReadOnlyList<JsonObject> ParsedOutputs { get; }

    public static SdkCapture Load(string name) => new(name, ReadFile(name));

    public static JsonObject ReadFile(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, name + ".json")))!.AsObject();

    /// <summary>The operation captures (every file but the error and backoff ones).</summary>
    public static IEnumerable<string> OperationNames() =>
        System.IO.Directory.GetFiles(Directory, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name!.StartsWith("ecr-", StringComparison.Ordinal) || name.StartsWith("ecs-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)!;

    /// <summary>One list member of every page's parsed output, pages concatenated.</summary>
    public JsonArray AllPages(string member) =>
        [.. ParsedOutputs.SelectMany(output => output[member]?.AsArray() ?? []).Select(item => item?.DeepClone())];

    public static CapturedRequest RequestFrom(JsonNode request) => new(
        (string)request["method"]!,
        (string)request["path"]!,
        [.. request["rawHeaders"]!.AsArray().Select(pair => KeyValuePair.Create((string)pair![0]!, (string)pair[1]!))],
        Encoding.UTF8.GetBytes((string)request["body"]!));

    private static JsonObject WithoutMetadata(JsonObject output)
    {
        var copy = output.DeepClone().AsObject();
        copy.Remove("$metadata");
        return copy;
    }
}

public sealed record SdkExchange(CapturedRequest Request, int ResponseStatus, string ResponseBody);
