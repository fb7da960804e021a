using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// Calls one AWS JSON service (JSON 1.1, or REST-JSON reads) in one account-region: signed, within the account-region's
/// concurrency, retried as the official SDKs retry, and failing with an <see cref="AwsException"/> a person can act on.
/// </summary>
public sealed class AwsJsonClient(HttpClient http, AwsService service, AccountRegion target, Uri endpoint, SemaphoreSlim gate, AwsCallOptions options, AwsCallCounter counter)
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/x-amz-json-1.1");
    private static readonly string UserAgent = $"ecr-curator/{typeof(AwsJsonClient).Assembly.GetName().Version?.ToString(3)} md/dotnet#{Environment.Version}";

    public AccountRegion Target => target;

    /// <summary>A JSON 1.1 call: <c>POST /</c> with the operation in <c>X-Amz-Target</c> and the request as its body.</summary>
    public Task<TResponse> SendAsync<TResponse>(string operation, object request, CancellationToken cancellation)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), AwsJson.Options);
        return SendAsync<TResponse>(operation, () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = ContentType;
            message.Headers.Add("X-Amz-Target", $"{service.TargetPrefix}.{operation}");
            return message;
        }, cancellation);
    }

    /// <summary>A REST-JSON read (Lambda): <c>GET</c> of <paramref name="pathAndQuery"/> (escaped), the answer a JSON body.</summary>
    public Task<TResponse> GetAsync<TResponse>(string operation, string pathAndQuery, CancellationToken cancellation) =>
        SendAsync<TResponse>(operation, () => new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, pathAndQuery)), cancellation);

    private async Task<TResponse> SendAsync<TResponse>(string operation, Func<HttpRequestMessage> request, CancellationToken cancellation)
    {
        var invocation = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            AwsException failure;
            await gate.WaitAsync(cancellation);
            try
            {
                counter.Called(target, operation);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
                using var message = request();
                message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                message.Headers.Add("x-amz-user-agent", UserAgent);
                message.Headers.Add("amz-sdk-invocation-id", invocation);
                message.Headers.Add("amz-sdk-request", $"attempt={attempt}; max={options.MaxAttempts}");
                using var response = await http.SendAsync(message, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<TResponse>(AwsJson.Options, timeout.Token)
                           ?? throw new JsonException($"{operation} answered nothing.");
                }

                failure = await AwsErrors.FromResponseAsync(response, service, operation, target, timeout.Token);
            }
            catch (Exception error) when (error is HttpRequestException or OperationCanceledException && !cancellation.IsCancellationRequested)
            {
                failure = AwsErrors.Unreachable(error, service, operation, target, endpoint);
            }
            catch (AmazonClientException error)
            {
                // Raised while the signer fetched credentials: the role could not be assumed.
                failure = AwsErrors.CredentialsFailed(error, service, operation, target);
            }
            finally
            {
                gate.Release();
            }

            if (failure.IsThrottling)
            {
                counter.Throttled(target, operation);
            }

            if (!AwsRetry.IsRetryable(failure) || attempt >= options.MaxAttempts)
            {
                throw failure;
            }

            await Task.Delay(AwsRetry.Delay(attempt, failure.IsThrottling), cancellation);
        }
    }
}
