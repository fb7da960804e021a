namespace EcrCurator.Domain;

/// <summary>
/// The constraints the documentation ("Lifecycle policy properties", "How lifecycle policies work") puts on a rule
/// and on a policy; ECR refuses a policy that breaks one, so one that does is not understood.
/// </summary>
internal static class LifecyclePolicyRules
{
    /// <summary>Archived images must stay archived this many days before a rule may expire them.</summary>
    public const int ArchiveMinimumDays = 90;

    public static void CheckRule(LifecycleRule rule, string at, string? unit, bool explicitStorageClass, string? target)
    {
        var hasList = rule.TagPrefixes.Count > 0 || rule.TagPatterns.Count > 0;
        Require(rule.TagPrefixes.Count == 0 || rule.TagPatterns.Count == 0, at, "gives both tagPrefixList and tagPatternList");
        Require(rule.TagStatus != LifecycleTagStatus.Tagged || hasList, at, "selects tagged images without a tagPrefixList or tagPatternList");
        Require(rule.TagStatus == LifecycleTagStatus.Tagged || !hasList, at, "gives a tag list although tagStatus is not tagged");
        foreach (var pattern in rule.TagPatterns)
        {
            Require(pattern.Count(c => c == '*') <= LifecycleTagPattern.MostWildcards, at, $"tag pattern '{pattern}' has more than {LifecycleTagPattern.MostWildcards} wildcards");
        }

        var counted = rule.CountType == LifecycleCountType.ImageCountMoreThan;
        Require(counted ? unit is null : unit is not null, at, counted ? "gives a countUnit with imageCountMoreThan" : $"gives no countUnit with {Name(rule.CountType)}");
        Require(unit is null or "days", at, $"countUnit '{unit}' is not days");

        var transitioned = rule.CountType == LifecycleCountType.SinceImageTransitioned;
        Require(transitioned == (rule.StorageClass == LifecycleStorageClass.Archive), at,
            transitioned ? "uses sinceImageTransitioned without storageClass archive" : "selects the archive storage class without sinceImageTransitioned");
        Require(!transitioned || explicitStorageClass, at, "uses sinceImageTransitioned without storageClass archive");
        Require(!transitioned || rule.Action == LifecycleAction.Expire, at, "uses sinceImageTransitioned with an action other than expire");
        Require(!transitioned || rule.CountNumber >= ArchiveMinimumDays, at, $"expires images archived for fewer than {ArchiveMinimumDays} days");
        Require(rule.CountType != LifecycleCountType.SinceImagePulled || rule.Action == LifecycleAction.Transition, at, "uses sinceImagePulled with an action other than transition");

        var transition = rule.Action == LifecycleAction.Transition;
        Require(transition ? target == "archive" : target is null, at,
            transition ? "transitions to a targetStorageClass other than archive" : "gives a targetStorageClass to an expire action");
    }

    /// <summary>What holds across rules: unique priorities, and per storage class one untagged rule, an <c>any</c> rule last, unique tag lists.</summary>
    public static void Check(IReadOnlyList<LifecycleRule> rules)
    {
        if (rules.GroupBy(rule => rule.Priority).FirstOrDefault(group => group.Count() > 1) is { } repeated)
        {
            throw new FormatException($"two rules have rulePriority {repeated.Key}");
        }

        foreach (var storage in rules.GroupBy(rule => rule.StorageClass))
        {
            var name = storage.Key == LifecycleStorageClass.Archive ? "archive" : "standard";
            Require(storage.Count(rule => rule.TagStatus == LifecycleTagStatus.Untagged) <= 1, "the policy", $"has more than one rule selecting untagged {name} images");
            var last = storage.Max(rule => rule.Priority);
            if (storage.FirstOrDefault(rule => rule.TagStatus == LifecycleTagStatus.Any && rule.Priority != last) is { } early)
            {
                throw new FormatException($"the rule of priority {early.Priority} selects any {name} image but is not the last {name} rule");
            }

            var lists = storage.Where(rule => rule.TagStatus == LifecycleTagStatus.Tagged)
                .GroupBy(rule => (rule.TagPrefixes.Count > 0 ? "prefix:" : "pattern:") + string.Join('\n', (rule.TagPrefixes.Count > 0 ? rule.TagPrefixes : rule.TagPatterns).Distinct().Order(StringComparer.Ordinal)));
            if (lists.FirstOrDefault(group => group.Count() > 1) is { } same)
            {
                throw new FormatException($"the rules of priority {string.Join(" and ", same.Select(rule => rule.Priority))} select the same {name} tags");
            }
        }
    }

    public static string Name(LifecycleCountType type) => type switch
    {
        LifecycleCountType.ImageCountMoreThan => "imageCountMoreThan",
        LifecycleCountType.SinceImagePushed => "sinceImagePushed",
        LifecycleCountType.SinceImagePulled => "sinceImagePulled",
        _ => "sinceImageTransitioned",
    };

    private static void Require(bool holds, string at, string problem)
    {
        if (!holds)
        {
            throw new FormatException($"{at} {problem}");
        }
    }
}
