using Amazon.Runtime;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// Makes the calls to one service in one account-region, whatever its wire protocol: each attempt signed, sent at the
/// service's <see cref="AwsRate"/> and within the account-region's concurrency gate, throttling retried with backoff
/// until <see cref="AwsCallOptions.ThrottleBudgetSeconds"/> is spent and other retryable errors up to
/// <see cref="AwsCallOptions.MaxAttempts"/> (<see cref="AwsRetry"/>), a failure raised as an <see cref="AwsException"/>
/// a person can act on.
/// </summary>
public sealed class AwsCaller(
    HttpClient http, AwsService service, AccountRegion target, Uri endpoint, SemaphoreSlim gate, AwsRate rate, AwsCallOptions options, AwsCallCounter counter, TimeProvider time)
{
    /// <summary>What the client says it is, in the official SDKs' way.</summary>
    public static readonly string UserAgent = $"ecr-curator/{typeof(AwsCaller).Assembly.GetName().Version?.ToString(3)} md/dotnet#{Environment.Version}";

    public AccountRegion Target => target;

    public AwsService Service => service;

    public Uri Endpoint => endpoint;

    /// <summary>
    /// Sends <paramref name="request"/>'s message for attempt 1, 2, … (with the SDKs' user agent, invocation id and
    /// attempt headers added) until one succeeds, and reads its answer with <paramref name="read"/>; an answer that is
    /// no success is read as AWS's error.
    /// </summary>
    public async Task<TResponse> SendAsync<TResponse>(
        string operation, Func<int, HttpRequestMessage> request, Func<HttpResponseMessage, CancellationToken, Task<TResponse>> read, CancellationToken cancellation)
    {
        var started = time.GetTimestamp();
        var throttles = 0;
        var failures = 0;
        var invocation = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            AwsException failure;
            await rate.WaitAsync(cancellation);
            await gate.WaitAsync(cancellation);
            try
            {
                counter.Called(target, operation);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
                using var message = request(attempt);
                message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                message.Headers.Add("x-amz-user-agent", UserAgent);
                message.Headers.Add("amz-sdk-invocation-id", invocation);
                message.Headers.Add("amz-sdk-request", attempt <= options.MaxAttempts ? $"attempt={attempt}; max={options.MaxAttempts}" : $"attempt={attempt}");
                using var response = await http.SendAsync(message, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    rate.Record(throttled: false);
                    return await read(response, timeout.Token);
                }

                failure = await AwsErrors.FromResponseAsync(response, service, operation, target, timeout.Token);
                rate.Record(failure.IsThrottling);
            }
            catch (Exception error) when (error is HttpRequestException or OperationCanceledException && !cancellation.IsCancellationRequested)
            {
                failure = AwsErrors.Unreachable(error, service, operation, target, endpoint);
            }
            catch (Exception error) when (error is AmazonClientException or AmazonServiceException)
            {
                // Raised while the signer fetched credentials: the role could not be assumed (STS may have throttled).
                failure = AwsErrors.CredentialsFailed(error, service, operation, target);
            }
            finally
            {
                gate.Release();
            }

            TimeSpan pause;
            if (failure.IsThrottling)
            {
                counter.Throttled(target, operation);
                pause = AwsRetry.Delay(++throttles, throttled: true);
                var budget = TimeSpan.FromSeconds(options.ThrottleBudgetSeconds);
                if (time.GetElapsedTime(started) + pause > budget)
                {
                    throw AwsErrors.ThrottledThroughout(failure, attempt, time.GetElapsedTime(started), budget);
                }
            }
            else if (AwsRetry.IsRetryable(failure) && ++failures < options.MaxAttempts)
            {
                pause = AwsRetry.Delay(failures, throttled: false);
            }
            else
            {
                throw failure;
            }

            await Task.Delay(pause, time, cancellation);
        }
    }
}
