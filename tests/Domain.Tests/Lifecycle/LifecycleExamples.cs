using EcrCurator.Domain.Tests.Builders;

namespace EcrCurator.Domain.Tests.Lifecycle;

/// <summary>Evaluates a lifecycle policy over a test repository's images and names what it acts on.</summary>
public static class LifecycleExamples
{
    /// <summary>A rule as JSON: <c>Rule(1, """{"tagStatus": "any", …}""", """{"type": "expire"}""")</c>.</summary>
    public static string Rule(int priority, string selection, string action = """{"type": "expire"}""") =>
        $$"""{"rulePriority": {{priority}}, "description": "Rule {{priority}}", "selection": {{selection}}, "action": {{action}}}""";

    public static string Policy(params string[] rules) => $$"""{"rules": [{{string.Join(", ", rules)}}]}""";

    /// <summary>The names of the images the policy acts on, sorted, each with its rule and action when not plain expiry by rule 1.</summary>
    public static IReadOnlyList<string> Acted(string policy, Action<RepositoryBuilder> images, DateTimeOffset? now = null)
    {
        var repository = new RepositoryBuilder();
        images(repository);
        return
        [
            .. LifecycleEvaluator.Evaluate(LifecyclePolicy.Parse(policy), repository.Build(), now ?? Clock.Now)
                .Select(mark => Digests.NameOf(mark.Image.Digest) + (mark.Action == LifecycleAction.Transition ? " (archive)" : ""))
                .Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>The rule (priority) acting on each image, by name.</summary>
    public static IReadOnlyDictionary<string, int> Rules(string policy, Action<RepositoryBuilder> images, DateTimeOffset? now = null)
    {
        var repository = new RepositoryBuilder();
        images(repository);
        return LifecycleEvaluator.Evaluate(LifecyclePolicy.Parse(policy), repository.Build(), now ?? Clock.Now)
            .ToDictionary(mark => Digests.NameOf(mark.Image.Digest), mark => mark.Rule);
    }
}
