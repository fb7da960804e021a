namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// The official SDKs' retry: full-jitter exponential backoff, 100 ms base (500 ms for throttling), 20 s cap;
/// throttling, 5xx and transport errors are retried, client errors never.
/// </summary>
public static class AwsRetry
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(20);

    public static TimeSpan Delay(int failedAttempts, bool throttled)
    {
        var baseDelay = throttled ? 500.0 : 100.0;
        var ceiling = Math.Min(Cap.TotalMilliseconds, baseDelay * Math.Pow(2, failedAttempts - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    public static bool IsRetryable(AwsException error) =>
        error.IsThrottling || error.Status is >= 500 or 429 || error.Code is "RequestTimeout" or "RequestTimeoutException";
}
