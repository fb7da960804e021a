namespace EcrCurator.Domain.Tests.Builders;

/// <summary>Finds what the engine decided, by the names the test gave repositories and images.</summary>
public static class PlanExtensions
{
    public static RepositoryPlan Repository(this RetentionPlan plan, string name, string account = Ecr.Account, string region = Ecr.Region) =>
        Assert.Single(plan.Repositories, repository => repository.Repository.Key == Ecr.Key(name, account, region));

    public static ImageDecision Of(this RetentionPlan plan, string repository, string image, string account = Ecr.Account, string region = Ecr.Region) =>
        plan.Repository(repository, account, region).Of(image);

    public static ImageDecision Of(this RepositoryPlan repository, string image) =>
        Assert.Single(repository.Images, decision => decision.Image.Digest == Digests.Of(image));

    /// <summary>The decision and every reason code, as one line: <c>"delete: outside-window, untagged"</c>.</summary>
    public static string Verdict(this ImageDecision decision) =>
        $"{decision.Decision.ToString().ToLowerInvariant()}: {string.Join(", ", decision.ReasonCodes)}";

    /// <summary>The names of the images the plan deletes from a repository, sorted.</summary>
    public static IReadOnlyList<string> Deleted(this RetentionPlan plan, string repository, string account = Ecr.Account, string region = Ecr.Region) =>
        [.. plan.Repository(repository, account, region).Candidates.Select(decision => Digests.NameOf(decision.Image.Digest)).Order(StringComparer.Ordinal)];

    /// <summary>The names of the images in plan order.</summary>
    public static IReadOnlyList<string> Names(this RepositoryPlan repository) =>
        [.. repository.Images.Select(decision => Digests.NameOf(decision.Image.Digest))];
}
