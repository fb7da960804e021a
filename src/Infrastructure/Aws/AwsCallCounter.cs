using System.Diagnostics.Metrics;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>Counts AWS calls and throttles, for metrics and benchmarks.</summary>
public sealed class AwsCallCounter : IDisposable
{
    private readonly Meter meter = new("EcrCurator.Aws");
    private readonly Counter<long> calls;
    private readonly Counter<long> throttles;
    private long total;

    public AwsCallCounter()
    {
        calls = meter.CreateCounter<long>("curator.aws.calls", description: "AWS calls made, retries included");
        throttles = meter.CreateCounter<long>("curator.aws.throttles", description: "AWS calls answered with throttling");
    }

    public long Calls => Interlocked.Read(ref total);

    public void Called(AccountRegion target, string operation)
    {
        Interlocked.Increment(ref total);
        calls.Add(1, new("operation", operation), new("account", target.AccountId), new("region", target.Region));
    }

    public void Throttled(AccountRegion target, string operation) =>
        throttles.Add(1, new("operation", operation), new("account", target.AccountId), new("region", target.Region));

    public void Dispose() => meter.Dispose();
}
