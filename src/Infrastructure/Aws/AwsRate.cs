namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// The client-side send rate of one service in one account-region, kept as the AWS SDKs' adaptive retry mode keeps
/// it: unlimited until AWS first throttles; then a token bucket whose rate a throttle cuts to 70 % of the rate calls
/// went at (or of the rate AWS let through, if lower) and successes grow back along a cubic curve that levels off at
/// the rate before the cut, then probes beyond it (CUBIC). One difference (docs/decisions/004-adaptive-aws-rate.md):
/// each cut is judged once it shows (<see cref="ThrottleMeter"/>), and throttling that two cuts in a row did not
/// lower is background that calls for no more cuts, so that throttling that does not answer to the rate cannot drive
/// the rate to the floor. A service's documented quota (<see cref="AwsService.MaxRequestsPerSecond"/>) is a ceiling
/// from the first call. Thread-safe; waiters are served first come, first served.
/// </summary>
public sealed class AwsRate : IDisposable
{
    private const double Beta = 0.7;          // a cut keeps 70 % of the rate
    private const double Scale = 0.4;         // CUBIC's C
    private const double MinRate = 0.5;       // calls per second, the SDKs' floor
    private const double Whole = 1 - 1e-9;    // a token, give or take the rounding of its refill

    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly long start;
    private readonly double? ceiling;
    private readonly ThrottleMeter meter = new();
    private readonly LinkedList<TaskCompletionSource> waiting = new();
    private readonly ITimer pump;

    private bool limited;
    private double rate;
    private double tokens;
    private double refilledAt;

    private double cubicPeak;
    private double cubicK;
    private double lastCut = double.NegativeInfinity;

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
    public double BackgroundShare
    {
        get
        {
            lock (gate)
            {
                return meter.BackgroundShare;
            }
        }
    }

    /// <summary>Waits for this call's turn at the current rate.</summary>
    public Task WaitAsync(CancellationToken cancellation)
    {
        TaskCompletionSource turn;
        LinkedListNode<TaskCompletionSource> place;
        lock (gate)
        {
            Refill(Now);
            if (!limited || (waiting.Count == 0 && tokens >= Whole))
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
            var sending = meter.Record(now, throttled);
            if (throttled && meter.CallsForCut(now))
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

    private void Cut(double now, double sending)
    {
        // The rate the calls went at, but no more than AWS let through: under a limit, the limit.
        var from = Math.Min(limited ? Math.Min(sending, rate) : sending, meter.Cut(now) ?? double.MaxValue);
        cubicPeak = from;
        cubicK = Math.Cbrt(from * (1 - Beta) / Scale);
        lastCut = now;
        limited = true;
        SetRate(from * Beta, now);
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
        while (waiting.First is { } first && (tokens >= Whole || !limited))
        {
            tokens -= limited ? 1 : 0;
            waiting.RemoveFirst();
            first.Value.TrySetResult();
        }

        var next = waiting.Count == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(1000 * (1 - tokens) / rate)));
        pump.Change(next, Timeout.InfiniteTimeSpan);
    }
}
