namespace EcrCurator.AwsSimulator.Control;

/// <summary>
/// Which requests a fault or rate limit applies to: an account, a region and an operation, each optional (any).
/// An operation is <c>DescribeImages</c>, <c>ecr:DescribeImages</c> or <c>ecr:*</c>.
/// </summary>
internal sealed record OperationScope(string? AccountId, string? Region, string? Operation)
{
    public bool Matches(string account, string region, string service, string operation)
    {
        if ((AccountId is not null && AccountId != account) || (Region is not null && Region != region))
        {
            return false;
        }

        if (Operation is null or "*")
        {
            return true;
        }

        var colon = Operation.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Operation == operation;
        }

        return Operation[..colon] == service && (Operation[(colon + 1)..] is "*" || Operation[(colon + 1)..] == operation);
    }
}
