namespace EcrCurator.Web.SignIn;

/// <summary>
/// The Demo environment signs anyone in as an Admin without a password: it may only ever reach the AWS simulator, so
/// every AWS service must be redirected (<c>AWS_ENDPOINT_URL</c>, and no service-specific <c>AWS_ENDPOINT_URL_*</c>
/// pointing back at AWS).
/// </summary>
public static class DemoEndpoints
{
    private const string Override = "AWS_ENDPOINT_URL";

    /// <returns>Why the configuration would reach real AWS, or null when it reaches only an endpoint of its own.</returns>
    public static string? RealAwsIn(IConfiguration configuration)
    {
        var endpoints = configuration.AsEnumerable()
            .Where(setting => setting.Key.StartsWith(Override, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(setting.Value))
            .ToList();
        if (!endpoints.Any(setting => string.Equals(setting.Key, Override, StringComparison.OrdinalIgnoreCase)))
        {
            return $"The Demo environment's sign-in makes anyone an Admin without a password, so it runs only against the AWS simulator: {Override} is not set, " +
                   $"and the dashboard would act on real AWS. Set {Override} to the simulator's address (./run.sh and the compose demo do), or use the Production environment with OpenID Connect.";
        }

        return endpoints.Where(setting => IsAws(setting.Value!)).Select(setting => $"{setting.Key} is {setting.Value}").FirstOrDefault() is { } real
            ? $"The Demo environment's sign-in makes anyone an Admin without a password, so it runs only against the AWS simulator: {real}, which is AWS."
            : null;
    }

    private static bool IsAws(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && (uri.Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".api.aws", StringComparison.OrdinalIgnoreCase));
}
