using Microsoft.Extensions.Configuration;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// Where a service is reached: <c>AWS_ENDPOINT_URL_ECR</c> (and so on) or <c>AWS_ENDPOINT_URL</c> as the AWS SDKs
/// read them, else the standard regional endpoint (<c>.amazonaws.com.cn</c> in the China regions).
/// </summary>
public sealed class AwsEndpoints(IConfiguration configuration)
{
    public Uri For(AwsService service, string region)
    {
        var custom = configuration[$"AWS_ENDPOINT_URL_{service.EnvironmentName}"] ?? configuration["AWS_ENDPOINT_URL"];
        if (!string.IsNullOrWhiteSpace(custom))
        {
            return Uri.TryCreate(custom, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"AWS_ENDPOINT_URL{(configuration[$"AWS_ENDPOINT_URL_{service.EnvironmentName}"] is null ? "" : "_" + service.EnvironmentName)} '{custom}' is not a URL.");
        }

        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{service.EndpointPrefix}.{region}.{suffix}/");
    }
}
