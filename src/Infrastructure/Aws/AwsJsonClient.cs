using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>Calls one AWS JSON 1.1 service (<c>POST /</c>, <c>X-Amz-Target</c>) in one account-region through its <see cref="AwsCaller"/>.</summary>
public sealed class AwsJsonClient(AwsCaller caller)
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/x-amz-json-1.1");

    public AccountRegion Target => caller.Target;

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
            async (response, token) => await response.Content.ReadFromJsonAsync<TResponse>(AwsJson.Options, token)
                                       ?? throw new JsonException($"{operation} answered nothing."),
            cancellation);
    }
}
