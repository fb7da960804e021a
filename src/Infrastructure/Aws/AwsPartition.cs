using Amazon;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// The AWS partition a region belongs to (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, <c>aws-eusc</c>, the isolated
/// <c>aws-iso</c>, <c>aws-iso-b</c>, <c>aws-iso-e</c>, <c>aws-iso-f</c>): the name its ARNs carry and the DNS suffix
/// of its API endpoints, as the AWS SDK's own partition table tells them. Credentials of one partition reach no other.
/// </summary>
public sealed record AwsPartition(string Name, string DnsSuffix)
{
    /// <summary>The partition of a region; a region the SDK does not know yet goes to its partition by its name's pattern, else to <c>aws</c>.</summary>
    public static AwsPartition Of(string region)
    {
        var endpoint = RegionEndpoint.GetBySystemName(region);
        return new AwsPartition(endpoint.PartitionName, endpoint.PartitionDnsSuffix);
    }

    /// <summary>
    /// Whether a name is spelt as AWS spells regions in every partition: lowercase words and a number joined by
    /// hyphens (<c>ap-northeast-1</c>, <c>us-gov-west-1</c>, <c>us-isob-east-1</c>, <c>eusc-de-east-1</c>).
    /// </summary>
    public static bool IsRegionName(string? region)
    {
        if (string.IsNullOrEmpty(region))
        {
            return false;
        }

        var parts = region.Split('-');
        return parts.Length >= 3
               && parts[..^1].All(part => part.Length >= 2 && part.All(char.IsAsciiLetterLower))
               && parts[^1].Length > 0 && parts[^1].All(char.IsAsciiDigit);
    }

    /// <summary><c>arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE</c>.</summary>
    public static string Arn(string service, string region, string accountId, string resource) =>
        $"arn:{Of(region).Name}:{service}:{region}:{accountId}:{resource}";

    /// <summary>The partition an ARN names (<c>arn:PARTITION:…</c>), or null when it is no ARN.</summary>
    public static string? NameIn(string arn) =>
        arn.Split(':') is ["arn", { Length: > 0 } partition, ..] ? partition : null;

    public override string ToString() => Name;
}
