namespace EcrCurator.Domain;

/// <summary>One rule of an ECR lifecycle policy, as understood from its JSON (see <see cref="LifecyclePolicy.Parse"/>).</summary>
public sealed record LifecycleRule
{
    /// <summary><c>rulePriority</c>: the lowest is applied first.</summary>
    public required int Priority { get; init; }

    public string? Description { get; init; }

    public LifecycleTagStatus TagStatus { get; init; }

    /// <summary><c>tagPrefixList</c>: every prefix must begin one of the image's tags.</summary>
    public IReadOnlyList<string> TagPrefixes { get; init; } = [];

    /// <summary><c>tagPatternList</c>: every pattern (<c>*</c> wildcards) must match one of the image's tags.</summary>
    public IReadOnlyList<string> TagPatterns { get; init; } = [];

    public LifecycleStorageClass StorageClass { get; init; }

    public LifecycleCountType CountType { get; init; }

    /// <summary>Images to keep (<see cref="LifecycleCountType.ImageCountMoreThan"/>), else days.</summary>
    public int CountNumber { get; init; }

    public LifecycleAction Action { get; init; }

    /// <summary>Whether the rule's selection (tag status, tag lists and storage class) takes the image in.</summary>
    public bool Selects(ImageRecord image)
    {
        if (StorageClassOf(image) != StorageClass)
        {
            return false;
        }

        return TagStatus switch
        {
            LifecycleTagStatus.Untagged => image.Tags.Count == 0,
            LifecycleTagStatus.Tagged => image.Tags.Count > 0 && MatchesEvery(TagPrefixes, image.Tags, StartsWith) && MatchesEvery(TagPatterns, image.Tags, LifecycleTagPattern.Matches),
            _ => true,
        };
    }

    internal static LifecycleStorageClass StorageClassOf(ImageRecord image) =>
        image.Status == ImageStatus.Archived ? LifecycleStorageClass.Archive : LifecycleStorageClass.Standard;

    private static bool StartsWith(string prefix, string tag) => tag.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>Every filter matches at least one of the tags.</summary>
    private static bool MatchesEvery(IReadOnlyList<string> filters, IReadOnlyList<string> tags, Func<string, string, bool> matches)
    {
        for (var f = 0; f < filters.Count; f++)
        {
            var matched = false;
            for (var t = 0; t < tags.Count && !matched; t++)
            {
                matched = matches(filters[f], tags[t]);
            }

            if (!matched)
            {
                return false;
            }
        }

        return true;
    }
}
