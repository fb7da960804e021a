using Microsoft.Extensions.Configuration;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// Where a service is reached: <c>AWS_ENDPOINT_URL_ECR</c> (and so on) or <c>AWS_ENDPOINT_URL</c> as the AWS SDKs
/// read them, else the standard regional endpoint under its partition's domain (<c>amazonaws.com</c>,
/// <c>amazonaws.com.cn</c>, <c>amazonaws.eu</c>, the isolated partitions' own).
/// </summary>
public sealed class AwsEndpoints(IConfiguration configuration)
{
    public Uri For(AwsService service, string region) =>
        Custom(service) ?? new Uri($"https://{service.EndpointPrefix}.{region}.{AwsPartition.Of(region).DnsSuffix}/");

    /// <summary>The endpoint set for the service (or for every service), or null when none is.</summary>
    public Uri? Custom(AwsService service)
    {
        var specific = $"AWS_ENDPOINT_URL_{service.EnvironmentName}";
        var (key, custom) = configuration[specific] is { Length: > 0 } own ? (specific, own) : ("AWS_ENDPOINT_URL", configuration["AWS_ENDPOINT_URL"]);
        if (string.IsNullOrWhiteSpace(custom))
        {
            return null;
        }

        return Uri.TryCreate(custom, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"{key} '{custom}' is not a URL.");
    }
}
