namespace EcrCurator.AwsSimulator.Generation;

/// <summary>
/// The ECR lifecycle policies of a generated world, of the kinds organisations run: keep the newest ten, expire untagged
/// images after 14 days, or both with the newest five releases kept. Chosen by the repository's position, not drawn,
/// so that the rest of the world is the same whatever the share.
/// </summary>
internal static class LifecyclePolicies
{
    private const string KeepNewestTen =
        """{"rules":[{"rulePriority":1,"description":"Keep the newest 10 images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}""";

    private const string ExpireUntagged =
        """{"rules":[{"rulePriority":1,"description":"Expire untagged images after 14 days","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}""";

    private const string ExpireUntaggedKeepFiveReleases =
        """{"rules":[{"rulePriority":1,"description":"Expire untagged images after 14 days","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}},"""
        + """{"rulePriority":2,"description":"Keep the newest 5 releases","selection":{"tagStatus":"tagged","tagPatternList":["v1.*"],"countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]}""";

    private static readonly string[] Kinds = [KeepNewestTen, ExpireUntagged, ExpireUntaggedKeepFiveReleases];

    /// <summary>The policy of the repository at <paramref name="index"/>, or null (about <see cref="GeneratorSettings.LifecyclePolicyShare"/> of them have one).</summary>
    public static string? For(GeneratorSettings settings, int index) =>
        (index * 61 + 17) % 100 < settings.LifecyclePolicyShare * 100 ? Kinds[index % Kinds.Length] : null;
}
