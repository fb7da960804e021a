namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// The client-side send rate of one service in one account-region, kept as the AWS SDKs' adaptive retry mode keeps
/// it: unlimited until AWS first throttles; then a token bucket whose rate a throttle cuts to 70 % of the rate
/// measured and successes grow back along a cubic curve that levels off at the rate of the last cut, then probes
/// beyond it (CUBIC). One difference (docs/decisions/003-adaptive-aws-rate.md): each cut is judged a second later, and
/// one that lowered the throughput without lowering the share of calls throttled shows throttling that does not
/// answer to the rate; throttling at that share then cuts no more, so that it cannot drive the rate to the floor.
/// A service's documented quota (<see cref="AwsService.MaxRequestsPerSecond"/>) is a ceiling from the first call.
/// Thread-safe; waiters are served first come, first served.
/// </summary>
public sealed class AwsRate : IDisposable
{
    private const double Beta = 0.7;          // a cut keeps 70 % of the rate
    private const double Scale = 0.4;         // CUBIC's C
    private const double MinRate = 0.5;       // calls per second, the SDKs' floor
    private const double Smoothing = 0.8;     // weight of the newest half second in the measured rate
    private const double Hold = 1.0;          // seconds between cuts at least
    private const double Settle = 0.5;        // seconds after a cut before its effect is measured
    private const double Margin = 0.05;       // share of throttles above the background that still counts as noise
    private const double ThroughputKept = 0.85;
    private const int WindowCalls = 10;       // answers a measuring window needs at least (and a second)

    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly long start;
    private readonly double? ceiling;
    private readonly LinkedList<TaskCompletionSource> waiting = new();
    private readonly ITimer pump;

    private bool limited;
    private double rate;
    private double tokens;
    private double refilledAt;

    private double cubicPeak;
    private double cubicK;
    private double lastCut = double.NegativeInfinity;

    private double measured;
    private double bucketStart;
    private int bucketCount;
    private int firstCount;

    private Window current;
    private Window? previous;
    private Window? beforeCut;
    private double? judgeAfter;

    public AwsRate(TimeProvider time, double? ceiling = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ceiling ?? 1, 0, nameof(ceiling));
        this.time = time;
        this.ceiling = ceiling;
        start = time.GetTimestamp();
        pump = time.CreateTimer(_ => Pump(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (ceiling is { } most)
        {
            limited = true;
            rate = most;
            tokens = Math.Max(most, 1);
        }
    }

    /// <summary>Calls per second now, or null while unlimited.</summary>
    public double? Rate
    {
        get
        {
            lock (gate)
            {
                return limited ? rate : null;
            }
        }
    }

    /// <summary>The share of calls throttled that cutting the rate was found not to remove (0 when cutting helps).</summary>
    public double BackgroundShare { get; private set; }

    /// <summary>Waits for this call's turn at the current rate.</summary>
    public Task WaitAsync(CancellationToken cancellation)
    {
        TaskCompletionSource turn;
        LinkedListNode<TaskCompletionSource> place;
        lock (gate)
        {
            Refill(Now);
            if (!limited || (waiting.Count == 0 && tokens >= 1))
            {
                tokens -= limited ? 1 : 0;
                return Task.CompletedTask;
            }

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            place = waiting.AddLast(turn);
            Schedule();
        }

        return cancellation.CanBeCanceled ? WaitForTurnAsync(turn, place, cancellation) : turn.Task;
    }

    /// <summary>Records an answer: a throttle may cut the rate, anything else lets it grow.</summary>
    public void Record(bool throttled)
    {
        lock (gate)
        {
            var now = Now;
            var sending = Measure(now);
            Count(now, throttled);
            if (throttled && ShouldCut(now))
            {
                Cut(now, sending);
            }
            else if (!throttled && limited && lastCut > double.NegativeInfinity)
            {
                var cubic = (Scale * Math.Pow(now - lastCut - cubicK, 3)) + cubicPeak;
                SetRate(Math.Min(cubic, Math.Max(2 * sending, 1)), now);
            }
        }
    }

    public void Dispose() => pump.Dispose();

    private async Task WaitForTurnAsync(TaskCompletionSource turn, LinkedListNode<TaskCompletionSource> place, CancellationToken cancellation)
    {
        await using var registration = cancellation.Register(() =>
        {
            lock (gate)
            {
                if (place.List is not null)
                {
                    waiting.Remove(place);
                }
            }

            turn.TrySetCanceled(cancellation);
        });
        await turn.Task;
    }

    private double Now => time.GetElapsedTime(start).TotalSeconds;

    private bool ShouldCut(double now)
    {
        if (lastCut == double.NegativeInfinity)
        {
            return true;
        }

        if (judgeAfter is not null || now - lastCut <= Hold)
        {
            return false;
        }

        var share = Math.Max(previous?.Share ?? 0, current.Calls >= WindowCalls ? current.Share : 0);
        return share > BackgroundShare + Margin;
    }

    private void Cut(double now, double sending)
    {
        var from = limited ? Math.Min(sending, rate) : sending;
        beforeCut = previous ?? new Window(now, 1, 1, from);
        cubicPeak = from;
        cubicK = Math.Cbrt(from * (1 - Beta) / Scale);
        lastCut = now;
        judgeAfter = now + Settle;
        limited = true;
        SetRate(from * Beta, now);
    }

    /// <summary>Answers per second, smoothed over half-second buckets (until the first bucket closes, the answers so far over the time taken).</summary>
    private double Measure(double now)
    {
        firstCount++;
        bucketCount++;
        var bucket = Math.Floor(now * 2) / 2;
        if (bucket > bucketStart)
        {
            var latest = bucketCount / (bucket - bucketStart);
            measured = measured == 0 ? latest : (latest * Smoothing) + (measured * (1 - Smoothing));
            bucketCount = 0;
            bucketStart = bucket;
        }

        return measured > 0 ? measured : firstCount / Math.Max(now, 0.05);
    }

    /// <summary>Answers and throttles per window of at least a second and ten answers; a closing window may judge the last cut.</summary>
    private void Count(double now, bool throttled)
    {
        if (now - current.Start >= 1 && current.Calls >= WindowCalls)
        {
            var closed = current with { Throughput = (current.Calls - current.Throttled) / (now - current.Start) };
            previous = closed;
            current = new Window(now, 0, 0, 0);
            if (judgeAfter is { } after && closed.Start >= after && beforeCut is { } before)
            {
                // A cut that cost throughput while the share throttled stayed shows throttling that the rate does not cause.
                BackgroundShare = closed.Share > Margin && closed.Throughput < ThroughputKept * before.Throughput ? closed.Share : 0;
                judgeAfter = null;
            }
        }

        current = current with { Calls = current.Calls + 1, Throttled = current.Throttled + (throttled ? 1 : 0) };
    }

    private void SetRate(double value, double now)
    {
        Refill(now);
        rate = Math.Max(Math.Min(value, ceiling ?? double.MaxValue), MinRate);
        tokens = Math.Min(tokens, Math.Max(rate, 1));
        Schedule();
    }

    private void Refill(double now)
    {
        if (limited)
        {
            tokens = Math.Min(Math.Max(rate, 1), tokens + ((now - refilledAt) * rate));
        }

        refilledAt = now;
    }

    private void Pump()
    {
        lock (gate)
        {
            Refill(Now);
            Schedule();
        }
    }

    /// <summary>Serves the waiters that have a token, and sets the timer for the next one.</summary>
    private void Schedule()
    {
        while (waiting.First is { } first && (tokens >= 1 || !limited))
        {
            tokens -= limited ? 1 : 0;
            waiting.RemoveFirst();
            first.Value.TrySetResult();
        }

        pump.Change(waiting.Count == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds((1 - tokens) / rate), Timeout.InfiniteTimeSpan);
    }

    private readonly record struct Window(double Start, int Calls, int Throttled, double Throughput)
    {
        public double Share => Calls == 0 ? 0 : (double)Throttled / Calls;
    }
}
