using EcrCurator.Infrastructure;
using EcrCurator.Infrastructure.Aws;
using OpenTelemetry.Metrics;

namespace EcrCurator.Web.Hosting;

/// <summary>
/// Metrics in Prometheus's text format at <c>/metrics</c>: the product's own (snapshots, execution outcomes, AWS calls
/// and throttles) and ASP.NET Core's (requests, connections).
/// </summary>
public static class MetricsSetup
{
    public static WebApplicationBuilder AddMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(CuratorMetrics.MeterName, AwsCallCounter.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        return builder;
    }

    public static void MapMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint("/metrics");
}
