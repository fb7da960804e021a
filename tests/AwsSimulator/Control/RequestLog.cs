using System.Collections.Concurrent;

namespace EcrCurator.AwsSimulator.Control;

/// <summary>How many AWS requests each account made of each operation, and how many were answered with an error, for tests and benchmarks.</summary>
internal sealed class RequestLog
{
    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);

    public void Record(string account, string region, string service, string operation, bool failed)
    {
        var counter = counters.GetOrAdd($"{account}/{region}/{service}:{operation}", _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        if (failed)
        {
            Interlocked.Increment(ref counter.Errors);
        }
    }

    public IReadOnlyList<object> Snapshot() =>
        [.. counters.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new { key = pair.Key, requests = pair.Value.Requests, errors = pair.Value.Errors })];

    public void Clear() => counters.Clear();

    private sealed class Counter
    {
        public int Requests;
        public int Errors;
    }
}
