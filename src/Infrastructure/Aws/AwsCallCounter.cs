using System.Diagnostics.Metrics;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>Counts AWS calls and throttles, for metrics.</summary>
public sealed class AwsCallCounter : IDisposable
{
    public const string MeterName = "EcrCurator.Aws";

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> calls;
    private readonly Counter<long> throttles;

    public AwsCallCounter()
    {
        calls = meter.CreateCounter<long>("curator.aws.calls", description: "AWS calls made, retries included");
        throttles = meter.CreateCounter<long>("curator.aws.throttles", description: "AWS calls answered with throttling");
    }

    public void Called(AccountRegion target, string operation)
    {
        calls.Add(1, new("operation", operation), new("account", target.AccountId), new("region", target.Region));
    }

    public void Throttled(AccountRegion target, string operation) =>
        throttles.Add(1, new("operation", operation), new("account", target.AccountId), new("region", target.Region));

    public void Dispose() => meter.Dispose();
}
