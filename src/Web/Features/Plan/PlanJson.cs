using System.Globalization;
using System.Text.Json;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Snapshots;

namespace EcrCurator.Web.Features.Plan;

/// <summary>The JSON output of SPEC section 8, streamed so that a million images need no document in memory.</summary>
public static class PlanJson
{
    /// <param name="incomplete">The usage sources that could not be read completely, and why.</param>
    public static void Write(RetentionPlan plan, IReadOnlyList<UsageFailure> incomplete, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("generatedAt", Time(plan.GeneratedAt));
            json.WriteBoolean("complete", plan.IsComplete);
            json.WriteStartArray("incomplete");
            foreach (var failure in incomplete)
            {
                json.WriteStartObject();
                json.WriteString("source", failure.Source);
                json.WriteString("reason", failure.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("repositories");
            foreach (var repository in plan.Repositories)
            {
                WriteRepository(json, repository);
                if (json.BytesPending > 1 << 20)
                {
                    json.Flush();
                    Drain(stream, output);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        Drain(stream, output);
        output.WriteLine();
        output.Flush();
    }

    private static void WriteRepository(Utf8JsonWriter json, RepositoryPlan repository)
    {
        var key = repository.Repository.Key;
        json.WriteStartObject();
        json.WriteString("accountId", key.AccountId);
        json.WriteString("region", key.Region);
        json.WriteString("name", key.Name);
        json.WriteString("team", repository.Repository.Team);
        json.WriteNumber("imageBytes", repository.Bytes.ImageBytes);
        json.WriteNumber("candidateBytes", repository.Bytes.CandidateBytes);
        json.WriteNumber("reclaimableBytes", repository.Bytes.ReclaimableBytes);
        json.WriteStartArray("images");
        foreach (var image in repository.Images)
        {
            json.WriteStartObject();
            json.WriteString("digest", image.Image.Digest);
            json.WriteStartArray("tags");
            foreach (var tag in image.Image.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteString("pushedAt", Time(image.Image.PushedAt));
            json.WriteNumber("sizeBytes", image.Image.SizeBytes);
            json.WriteString("decision", image.Decision == Decision.Delete ? "delete" : "keep");
            json.WriteStartArray("reasons");
            foreach (var code in image.ReasonCodes)
            {
                json.WriteStringValue(code);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WritePropertyName("lifecycleFindings");
        LifecycleFindingsJson.Write(json, repository.Lifecycle);
        json.WriteEndObject();
    }

    /// <summary>ISO-8601 in UTC, fractions of a second only where there are any.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void Drain(MemoryStream stream, TextWriter output)
    {
        output.Write(System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        stream.SetLength(0);
    }
}
