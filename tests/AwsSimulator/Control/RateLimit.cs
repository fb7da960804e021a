namespace EcrCurator.AwsSimulator.Control;

/// <summary>
/// A token bucket, as AWS limits API calls: each account, region and operation it applies to has its own
/// bucket of <see cref="Burst"/> tokens (default: <see cref="TokensPerSecond"/>, at least 1), refilled at
/// <see cref="TokensPerSecond"/>. A request that finds its bucket empty is answered ThrottlingException.
/// </summary>
public sealed record RateLimit
{
    public int Id { get; init; }

    public string? AccountId { get; init; }

    public string? Region { get; init; }

    /// <summary><c>DescribeImages</c>, <c>ecr:DescribeImages</c> or <c>ecr:*</c>; any operation when null.</summary>
    public string? Operation { get; init; }

    internal OperationScope Scope => new(AccountId, Region, Operation);

    public required double TokensPerSecond { get; init; }

    public double? Burst { get; init; }

    internal double Capacity => Burst ?? Math.Max(1, TokensPerSecond);
}
