using System.Security.Cryptography;
using System.Text;
using EcrCurator.Infrastructure;
using EcrCurator.Infrastructure.Aws;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace EcrCurator.Web.Hosting;

/// <summary>
/// Metrics in Prometheus's text format at <c>/metrics</c>: the product's own (snapshots, execution outcomes, AWS calls
/// and throttles) and ASP.NET Core's (requests, connections), for the scraper <see cref="MetricsOptions"/> lets in.
/// </summary>
public static class MetricsSetup
{
    public static WebApplicationBuilder AddMetrics(this WebApplicationBuilder builder)
    {
        var metrics = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (metrics.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        if (!metrics.Enabled)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry().WithMetrics(meters => meters
            .AddMeter(CuratorMetrics.MeterName, AwsCallCounter.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        if (metrics.Port is { } port)
        {
            builder.WebHost.UseUrls([.. ServerUrls.WithPort(builder.Configuration, port, $"{MetricsOptions.Section}:Port")]);
        }

        return builder;
    }

    /// <summary>First in the pipeline: the metrics port answers <c>/metrics</c> and nothing else; other ports never answer it.</summary>
    public static void UseMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!metrics.Enabled)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetricsSetup).Namespace + ".Metrics");
            app.Lifetime.ApplicationStarted.Register(() => logger.LogInformation(
                "Metrics are off: {Path} answers 404. Set {Section}:Port to serve them on a port of their own, or {Section}:Token to serve them to a bearer of that token.",
                MetricsOptions.Path, MetricsOptions.Section, MetricsOptions.Section));
            return;
        }

        var token = metrics.Token is { Length: > 0 } configured ? SHA256.HashData(Encoding.UTF8.GetBytes(configured)) : null;
        app.Use(async (http, next) =>
        {
            var onMetricsPort = metrics.Port is { } port && http.Connection.LocalPort == port;
            var asksForMetrics = http.Request.Path.Equals(MetricsOptions.Path, StringComparison.OrdinalIgnoreCase);
            if (metrics.Port is not null && onMetricsPort != asksForMetrics)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
            }
            else if (asksForMetrics && token is not null && !Bears(http, token))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.WWWAuthenticate = "Bearer";
            }
            else
            {
                await next(http);
            }
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(MetricsOptions.Path);
    }

    /// <summary>Whether the request bears the token (compared in constant time).</summary>
    private static bool Bears(HttpContext http, byte[] token) =>
        http.Request.Headers.Authorization.ToString() is var header
        && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim())), token);
}
