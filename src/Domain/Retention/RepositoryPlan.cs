namespace EcrCurator.Domain;

/// <summary>The decisions for one repository, images newest push first, with its three byte figures.</summary>
public sealed record RepositoryPlan(
    RepositoryRecord Repository,
    RetentionPolicy Policy,
    IReadOnlyList<ImageDecision> Images,
    StorageFigures Bytes)
{
    public IEnumerable<ImageDecision> Candidates => Images.Where(image => image.IsCandidate);

    /// <summary>What the repository's ECR lifecycle policy would do to these images, set against these decisions (SPEC 12).</summary>
    public LifecycleReview Lifecycle { get; init; } = LifecycleReview.None;
}
