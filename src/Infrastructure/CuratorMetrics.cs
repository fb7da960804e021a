using System.Diagnostics.Metrics;
using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Infrastructure;

/// <summary>
/// What the product measures about its own work, for a Prometheus scraper: snapshot durations and candidates, and
/// what became of each image an execution handled. AWS calls and throttles are counted by <see cref="Aws.AwsCallCounter"/>.
/// </summary>
public sealed class CuratorMetrics : IDisposable
{
    public const string MeterName = "EcrCurator";

    private readonly Meter meter = new(MeterName);
    private readonly Histogram<double> snapshotDuration;
    private readonly Histogram<double> engineDuration;
    private readonly Gauge<long> candidates;
    private readonly Gauge<long> reclaimableBytes;
    private readonly Counter<long> images;
    private readonly Gauge<long> lifecycleDangers;

    public CuratorMetrics()
    {
        snapshotDuration = meter.CreateHistogram<double>("curator.snapshot.duration", "s", "Wall time of each snapshot, start to settle, by status");
        engineDuration = meter.CreateHistogram<double>(EngineInstrument, "s", "Time the retention engine took deciding each settled snapshot");
        candidates = meter.CreateGauge<long>("curator.snapshot.candidates", description: "Images the latest settled snapshot proposes to delete");
        reclaimableBytes = meter.CreateGauge<long>("curator.snapshot.reclaimable", "By", "Bytes the latest settled snapshot's candidates would free");
        lifecycleDangers = meter.CreateGauge<long>(
            LifecycleDangerInstrument, description: "Images the lifecycle policies in place would expire or archive though the latest settled snapshot keeps them for safety");
        images = meter.CreateCounter<long>("curator.execution.images", description: "Images handled by executions, by outcome (deleted, skipped-in-use, failed, ...)");
    }

    public const string EngineInstrument = "curator.snapshot.engine";

    public const string LifecycleDangerInstrument = "curator.lifecycle.dangers";

    public void SnapshotSettled(SnapshotRow snapshot, TimeSpan engine)
    {
        engineDuration.Record(engine.TotalSeconds);
        if (snapshot.FinishedAt is { } finished)
        {
            snapshotDuration.Record((finished - snapshot.StartedAt).TotalSeconds, new KeyValuePair<string, object?>("status", snapshot.Status));
        }

        candidates.Record(snapshot.Candidates);
        reclaimableBytes.Record(snapshot.ReclaimableBytes);
        lifecycleDangers.Record(snapshot.LifecycleDangers);
    }

    public void ImageHandled(string outcome) => images.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => meter.Dispose();
}
