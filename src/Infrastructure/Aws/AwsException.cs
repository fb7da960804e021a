namespace EcrCurator.Infrastructure.Aws;

/// <summary>An AWS call that failed, with a message a person can act on.</summary>
public sealed class AwsException(string message, string code, string operation, AccountRegion target, int? status = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;

    public string Operation { get; } = operation;

    public AccountRegion Target { get; } = target;

    public int? Status { get; } = status;

    public bool IsAccessDenied => IsAccessDeniedCode(Code);

    public static bool IsAccessDeniedCode(string code) => code is "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation";

    public bool IsThrottling => Status == 429 || Code is "ThrottlingException" or "TooManyRequestsException" or "LimitExceededException"
        or "RequestLimitExceeded" or "Throttling" or "ThrottledException" or "RequestThrottled" or "SlowDown"
        or "BandwidthLimitExceeded" or "EC2ThrottledException" or "PriorRequestNotComplete" or "ProvisionedThroughputExceededException"
        or "RequestThrottledException" or "TransactionInProgressException";
}
