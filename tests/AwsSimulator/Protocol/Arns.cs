namespace EcrCurator.AwsSimulator.Protocol;

/// <summary>Partitions, ARNs and registry hosts as AWS spells them.</summary>
internal static class Arns
{
    /// <summary>The partitions other than <c>aws</c>: the prefix of their regions' names, their name and their domain.</summary>
    private static readonly (string Prefix, string Partition, string Domain)[] Partitions =
    [
        ("cn-", "aws-cn", "amazonaws.com.cn"),
        ("us-gov-", "aws-us-gov", "amazonaws.com"),
        ("us-iso-", "aws-iso", "c2s.ic.gov"),
        ("us-isob-", "aws-iso-b", "sc2s.sgov.gov"),
        ("eu-isoe-", "aws-iso-e", "cloud.adc-e.uk"),
        ("us-isof-", "aws-iso-f", "csp.hci.ic.gov"),
        ("eusc-", "aws-eusc", "amazonaws.eu"),
    ];

    public static string PartitionOf(string region) => Of(region).Partition;

    public static string DnsSuffix(string region) => Of(region).Domain;

    public static string Registry(string account, string region) => $"{account}.dkr.ecr.{region}.{DnsSuffix(region)}";

    public static string Ecr(string account, string region, string resource) => $"arn:{PartitionOf(region)}:ecr:{region}:{account}:{resource}";

    public static string Ecs(string account, string region, string resource) => $"arn:{PartitionOf(region)}:ecs:{region}:{account}:{resource}";

    /// <summary>The part after the resource type of an ARN such as <c>arn:aws:ecs:r:a:task/cluster/id</c>, or the value itself when it is no ARN.</summary>
    public static string ResourceOf(string value, string type)
    {
        if (!value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return value;
        }

        var parts = value.Split(':', 6);
        var prefix = type + "/";
        return parts.Length == 6 && parts[5].StartsWith(prefix, StringComparison.Ordinal) ? parts[5][prefix.Length..] : "";
    }

    private static (string Partition, string Domain) Of(string region) =>
        Partitions.FirstOrDefault(partition => region.StartsWith(partition.Prefix, StringComparison.Ordinal)) is { Partition: not null } found
            ? (found.Partition, found.Domain)
            : ("aws", "amazonaws.com");
}
