namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// Where a repository and an image are in the AWS console of their partition: the console's host differs per
/// partition (<c>console.aws.amazon.com</c>, <c>console.amazonaws.cn</c>, <c>console.amazonaws-us-gov.com</c>),
/// and a regional console is that host under the region. The isolated partitions' consoles are not on the internet:
/// no link is made for them. The paths are the ECR console's (decision 011 says how they were found).
/// </summary>
public static class AwsConsole
{
    /// <summary>The console's host in each partition that has a public console.</summary>
    private static readonly IReadOnlyDictionary<string, string> Hosts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["aws"] = "console.aws.amazon.com",
        ["aws-cn"] = "console.amazonaws.cn",
        ["aws-us-gov"] = "console.amazonaws-us-gov.com",
    };

    /// <returns>The repository's page, or null when its partition has no public console.</returns>
    public static Uri? Repository(string accountId, string region, string repository) =>
        Page(region, $"ecr/repositories/private/{Uri.EscapeDataString(accountId)}/{Path(repository)}");

    /// <returns>The image's page (by digest) in its repository, or null when its partition has no public console.</returns>
    public static Uri? Image(string accountId, string region, string repository, string digest) =>
        Page(region, $"ecr/repositories/private/{Uri.EscapeDataString(accountId)}/{Path(repository)}/_/image/{Uri.EscapeDataString(digest).Replace("%3A", ":", StringComparison.Ordinal)}/details");

    private static Uri? Page(string region, string path) =>
        AwsPartition.IsRegionName(region) && Hosts.TryGetValue(AwsPartition.Of(region).Name, out var host)
            ? new Uri($"https://{region}.{host}/{path}?region={region}")
            : null;

    /// <summary>A repository name keeps its slashes (namespaces), each part escaped.</summary>
    private static string Path(string repository) => string.Join('/', repository.Split('/').Select(Uri.EscapeDataString));
}
