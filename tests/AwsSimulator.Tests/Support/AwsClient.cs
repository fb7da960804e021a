using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace EcrCurator.AwsSimulator.Tests.Support;

/// <summary>Calls the simulator as an AWS client does: JSON 1.1 or the query protocol, signed by AWSSDK.Core's SigV4 handler.</summary>
internal sealed class AwsClient(Uri endpoint, string accessKeyId, string region, string? sessionToken = null) : IDisposable
{
    public const string EcrPrefix = "AmazonEC2ContainerRegistry_V20150921";
    public const string EcsPrefix = "AmazonEC2ContainerServiceV20141113";

    private readonly HttpClient http = new(new SigV4SigningHandler(
        sessionToken is null ? new BasicAWSCredentials(accessKeyId, "secret") : new SessionAWSCredentials(accessKeyId, "secret", sessionToken),
        RegionEndpoint.GetBySystemName(region),
        "ecr",
        new HttpClientHandler { AllowAutoRedirect = false }))
    { BaseAddress = endpoint };

    public Task<AwsAnswer> Ecr(string operation, object input) => Json("ecr", EcrPrefix, operation, input);

    public Task<AwsAnswer> Ecs(string operation, object input) => Json("ecs", EcsPrefix, operation, input);

    public async Task<AwsAnswer> Json(string service, string prefix, string operation, object input)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(input)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", $"{prefix}.{operation}");
        request.Options.Set(new HttpRequestOptionsKey<string>(SigV4SigningHandler.ServiceOptionKey), service);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var html = response.Content.Headers.ContentType?.MediaType == "text/html";
        return new AwsAnswer(
            (int)response.StatusCode,
            text.Length == 0 || html ? null : JsonNode.Parse(text),
            response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.First() : null,
            response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.First() : null)
        {
            Page = html ? text : null,
        };
    }

    /// <summary>An STS call over the query protocol: its status and XML answer.</summary>
    public async Task<(int Status, XElement Xml)> Sts(string action, params (string Key, string Value)[] parameters)
    {
        var form = string.Join('&', new[] { ("Action", action), ("Version", "2011-06-15") }.Concat(parameters)
            .Select(pair => $"{Uri.EscapeDataString(pair.Item1)}={Uri.EscapeDataString(pair.Item2)}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(form)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Options.Set(new HttpRequestOptionsKey<string>(SigV4SigningHandler.ServiceOptionKey), "sts");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, XElement.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    public void Dispose() => http.Dispose();
}
