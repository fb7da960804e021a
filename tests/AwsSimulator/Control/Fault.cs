namespace EcrCurator.AwsSimulator.Control;

/// <summary>
/// An injected fault: <c>latency</c> (delays by <see cref="LatencyMs"/>, then answers normally), <c>throttle</c>
/// (ThrottlingException), <c>server-error</c> (ServerException 500, or ServiceUnavailableException with status 503),
/// <c>access-denied</c> (AccessDeniedException), <c>html-error</c> (an HTML error page of a proxy in front of AWS,
/// status 502 or <see cref="Status"/> 500, 503 or 504) or <c>ignore-sort</c> (list operations answer in ascending order
/// whatever <c>sort</c> asks, as moto's ListTaskDefinitions does, for clients that must not trust the server's order).
/// It fires for the next <see cref="Count"/> matching requests
/// (every one when null), each with <see cref="Probability"/> (1 when null; drawn from a generator seeded by <see cref="Seed"/>).
/// </summary>
public sealed record Fault
{
    public static readonly string[] Kinds = ["latency", "throttle", "server-error", "access-denied", "html-error", "ignore-sort"];

    public int Id { get; init; }

    public required string Kind { get; init; }

    public string? AccountId { get; init; }

    public string? Region { get; init; }

    /// <summary><c>DescribeImages</c>, <c>ecr:DescribeImages</c> or <c>ecr:*</c>; any operation when null.</summary>
    public string? Operation { get; init; }

    internal OperationScope Scope => new(AccountId, Region, Operation);

    public int? LatencyMs { get; init; }

    public int? Status { get; init; }

    public int? Count { get; init; }

    public double? Probability { get; init; }

    public int? Seed { get; init; }

    public string? Message { get; init; }

    /// <summary>How many times it has fired.</summary>
    public int Fired { get; init; }
}
