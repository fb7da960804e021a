namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// The official SDKs' backoff: full jitter (the pause before retry n is random below min(20 s, base × 2^(n−1)), base
/// 50 ms, or 1 s after throttling). Throttling, 500, 502, 503, 504 and transport errors are retried, client errors
/// never: throttling for as long as <see cref="AwsCallOptions.ThrottleBudgetSeconds"/> allows, the others up to
/// <see cref="AwsCallOptions.MaxAttempts"/> attempts.
/// </summary>
public static class AwsRetry
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(20);

    public static TimeSpan Delay(int failedAttempts, bool throttled)
    {
        var baseDelay = throttled ? 1000.0 : 50.0;
        var ceiling = Math.Min(Cap.TotalMilliseconds, baseDelay * Math.Pow(2, Math.Min(failedAttempts, 32) - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    public static bool IsRetryable(AwsException error) =>
        error.IsThrottling || error.Status is 500 or 502 or 503 or 504 || error.Code is "RequestTimeout" or "RequestTimeoutException" or "Unreachable";
}
