using System.Text.Json;
using EcrCurator.Web.Tests.Features.Plan;

namespace EcrCurator.Web.Tests.Support;

/// <summary>Compares the JSON of a <c>plan</c> run with an example world's <c>.expected.json</c>.</summary>
public static class PlanExpectations
{
    public sealed record ImageOutcome(string Decision, IReadOnlyList<string> Reasons)
    {
        /// <summary><c>keep: in-use, outside-window</c>: the decision and the reasons as the JSON lists them.</summary>
        public string Verdict => $"{Decision}: {string.Join(", ", Reasons)}";
    }

    public static void AssertMatches(string world, PlanRun run)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Worlds", $"{world}.expected.json")));
        var repositories = run.Json.GetProperty("repositories").EnumerateArray().ToList();
        Assert.Equal(expected.RootElement.EnumerateObject().Select(repository => repository.Name).Order(), repositories.Select(Key).Order());
        foreach (var repository in repositories)
        {
            var want = expected.RootElement.GetProperty(Key(repository));
            var images = Images(repository);
            Assert.Equal(
                want.GetProperty("delete").EnumerateArray().Select(digest => digest.GetString()!).Order(),
                images.Where(image => image.Value.Decision == "delete").Select(image => image.Key).Order());
            Assert.Equal(
                want.GetProperty("reasons").EnumerateObject().OrderBy(image => image.Name).Select(image => $"{image.Name} {string.Join(",", image.Value.EnumerateArray().Select(code => code.GetString()))}"),
                images.OrderBy(image => image.Key).Select(image => $"{image.Key} {string.Join(",", image.Value.Reasons)}"));
        }
    }

    /// <summary>The decisions for the images of one repository, by digest.</summary>
    public static IReadOnlyDictionary<string, ImageOutcome> Images(PlanRun run, string repository) =>
        Images(run.Json.GetProperty("repositories").EnumerateArray().Single(candidate => candidate.GetProperty("name").GetString() == repository));

    private static Dictionary<string, ImageOutcome> Images(JsonElement repository) =>
        repository.GetProperty("images").EnumerateArray().ToDictionary(
            image => image.GetProperty("digest").GetString()!,
            image => new ImageOutcome(image.GetProperty("decision").GetString()!, [.. image.GetProperty("reasons").EnumerateArray().Select(code => code.GetString()!)]));

    private static string Key(JsonElement repository) =>
        $"{repository.GetProperty("accountId").GetString()}/{repository.GetProperty("region").GetString()}/{repository.GetProperty("name").GetString()}";
}
