using System.Text.Json;
using EcrCurator.Domain;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>
/// A repository's lifecycle findings as JSON, one shape for <c>plan --json</c> and for what a snapshot stores:
/// <c>[{"rule": 1, "digest": "sha256:…", "action": "expire", "danger": ["in-use"]}]</c>, with
/// <c>{"notUnderstood": "…"}</c> for a policy not understood and <c>{"policyUnreadable": "…"}</c> for one that could not be read.
/// </summary>
public static class LifecycleFindingsJson
{
    public static void Write(Utf8JsonWriter json, LifecycleReview review)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(review);
        Write(json, review, review.Findings);
    }

    /// <summary>
    /// What a snapshot stores of a repository's findings: the dangers only, as a JSON text; null for a repository without
    /// a policy. Information findings (images the product proposes to delete too) are counted, not stored: a policy such
    /// as "keep the newest 10" would otherwise list nearly every candidate of a large repository again.
    /// </summary>
    public static string? SerializeDangers(LifecycleReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (review.PolicyText is null && review.Unreadable is null)
        {
            return null;
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            Write(json, review, review.Findings.Where(finding => finding.IsDanger));
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void Write(Utf8JsonWriter json, LifecycleReview review, IEnumerable<LifecycleFinding> findings)
    {
        json.WriteStartArray();
        if (review.Unreadable is { } unreadable)
        {
            json.WriteStartObject();
            json.WriteString("policyUnreadable", unreadable);
            json.WriteEndObject();
        }

        if (review.NotUnderstood is { } what)
        {
            json.WriteStartObject();
            json.WriteString("notUnderstood", what);
            json.WriteEndObject();
        }

        foreach (var finding in findings)
        {
            json.WriteStartObject();
            json.WriteNumber("rule", finding.Rule);
            json.WriteString("digest", finding.Digest);
            json.WriteString("action", finding.ActionCode);
            json.WriteStartArray("danger");
            foreach (var code in finding.DangerCodes)
            {
                json.WriteStringValue(code);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The image findings of a stored text (the entries naming a digest), in their order.</summary>
    public static IReadOnlyList<StoredLifecycleFinding> Read(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        using var document = JsonDocument.Parse(text);
        return
        [
            .. document.RootElement.EnumerateArray()
                .Where(entry => entry.TryGetProperty("digest", out _))
                .Select(entry => new StoredLifecycleFinding(
                    entry.GetProperty("rule").GetInt32(),
                    entry.GetProperty("digest").GetString()!,
                    entry.GetProperty("action").GetString()!,
                    [.. entry.GetProperty("danger").EnumerateArray().Select(code => code.GetString()!)])),
        ];
    }
}

/// <summary>One lifecycle finding as stored: a <c>lifecycle-danger</c> when <see cref="Danger"/> holds keep reasons.</summary>
public sealed record StoredLifecycleFinding(int Rule, string Digest, string Action, IReadOnlyList<string> Danger)
{
    public bool IsDanger => Danger.Count > 0;
}
