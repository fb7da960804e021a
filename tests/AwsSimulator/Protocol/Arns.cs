namespace EcrCurator.AwsSimulator.Protocol;

/// <summary>Partitions, ARNs and registry hosts as AWS spells them.</summary>
internal static class Arns
{
    public static string PartitionOf(string region) => region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : "aws";

    public static string DnsSuffix(string region) => PartitionOf(region) == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";

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
}
