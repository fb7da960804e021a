using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// Calls one AWS JSON service in one account-region through its <see cref="AwsCaller"/>: JSON 1.1 (<c>POST /</c>,
/// <c>X-Amz-Target</c>) or REST-JSON reads (Lambda).
/// </summary>
public sealed class AwsJsonClient(AwsCaller caller)
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/x-amz-json-1.1");

    public AccountRegion Target => caller.Target;

    /// <summary>A JSON 1.1 call: <c>POST /</c> with the operation in <c>X-Amz-Target</c> and the request as its body.</summary>
    public Task<TResponse> SendAsync<TResponse>(string operation, object request, CancellationToken cancellation)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), AwsJson.Options);
        return caller.SendAsync(
            operation,
            _ =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, caller.Endpoint) { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = ContentType;
                message.Headers.Add("X-Amz-Target", $"{caller.Service.TargetPrefix}.{operation}");
                return message;
            },
            ReadAsync<TResponse>(operation),
            cancellation);
    }

    /// <summary>A REST-JSON read (Lambda): <c>GET</c> of <paramref name="pathAndQuery"/> (escaped), the answer a JSON body.</summary>
    public Task<TResponse> GetAsync<TResponse>(string operation, string pathAndQuery, CancellationToken cancellation) =>
        caller.SendAsync(operation, _ => new HttpRequestMessage(HttpMethod.Get, new Uri(caller.Endpoint, pathAndQuery)), ReadAsync<TResponse>(operation), cancellation);

    private static Func<HttpResponseMessage, CancellationToken, Task<TResponse>> ReadAsync<TResponse>(string operation) =>
        async (response, token) => await response.Content.ReadFromJsonAsync<TResponse>(AwsJson.Options, token)
                                   ?? throw new JsonException($"{operation} answered nothing.");
}
