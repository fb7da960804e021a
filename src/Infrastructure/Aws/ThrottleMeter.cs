namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// What <see cref="AwsRate"/> learns from the answers: the rate they come at, the share throttled per window of at
/// least a second and ten answers, whether a throttle now calls for a cut, and whether the last cut answered.
/// Not thread-safe: <see cref="AwsRate"/> holds its lock around every call.
/// </summary>
internal sealed class ThrottleMeter
{
    private const double Smoothing = 0.8;     // weight of the newest half second in the measured rate
    private const double Hold = 1.0;          // seconds between cuts at least
    private const double Settle = 0.5;        // seconds after a cut before its effect is measured
    private const double Margin = 0.05;       // share of throttles above the background that still counts as noise
    private const int WindowCalls = 10;       // answers a window needs at least (and a second)

    private double measured;
    private double bucketStart;
    private int bucketCount;
    private int answers;

    private Window current;
    private Window? previous;
    private Window? beforeCut;
    private double lastCut = double.NegativeInfinity;
    private double? judgeAfter;
    private int unanswered;

    /// <summary>The share of calls throttled that cutting the rate was found not to remove (0 when cutting helps).</summary>
    public double BackgroundShare { get; private set; }

    /// <summary>Counts an answer; returns the rate answers come at, smoothed over half-second buckets (until the first closes, the answers so far over the time taken).</summary>
    public double Record(double now, bool throttled)
    {
        answers++;
        bucketCount++;
        var bucket = Math.Floor(now * 2) / 2;
        if (bucket > bucketStart)
        {
            var latest = bucketCount / (bucket - bucketStart);
            measured = measured == 0 ? latest : (latest * Smoothing) + (measured * (1 - Smoothing));
            bucketCount = 0;
            bucketStart = bucket;
        }

        if (now - current.Start >= 1 && current.Calls >= WindowCalls)
        {
            var closed = current with { End = now };
            previous = closed;
            current = new Window(now, 0, 0);
            if (judgeAfter is { } after && closed.Start >= after)
            {
                Judge(beforeCut, closed);
                judgeAfter = null;
            }
        }

        current = current with { Calls = current.Calls + 1, Throttled = current.Throttled + (throttled ? 1 : 0) };
        return measured > 0 ? measured : answers / Math.Max(now, 0.05);
    }

    /// <summary>
    /// Whether a throttle now calls for a cut: the first once the rate measured means something; later ones when the
    /// last cut has been judged, a second has passed, and the share throttled stands out from the background.
    /// </summary>
    public bool CallsForCut(double now)
    {
        if (lastCut == double.NegativeInfinity)
        {
            return answers >= WindowCalls;
        }

        if (judgeAfter is not null || now - lastCut <= Hold)
        {
            return false;
        }

        var window = current.Calls >= WindowCalls && current.Share > (previous?.Share ?? 0) ? current : previous;
        return window is { } seen && seen.Share > BackgroundShare + Margin + (2 * StandardError(BackgroundShare, seen.Calls));
    }

    /// <summary>Notes a cut, to judge it once it shows; returns the calls per second AWS let through before it, if measured.</summary>
    public double? Cut(double now)
    {
        beforeCut = current.Calls >= WindowCalls ? current with { End = now } : previous;
        lastCut = now;
        judgeAfter = now + Settle;
        return beforeCut?.Admitted;
    }

    /// <summary>
    /// Whether the last cut lowered the share throttled as a limit on the rate would: a limit that let through
    /// (1 − share) of the calls sent at a rate lets through that many calls a second whatever the rate, so sending
    /// slower leaves fewer throttled, or none. Throttling that stayed put after two cuts in a row is background, which
    /// calls for no cut.
    /// </summary>
    private void Judge(Window? before, Window after)
    {
        if (before is not { } seen || after.Rate >= 0.95 * seen.Rate)
        {
            return; // nothing measured before the cut, or the rate regrew before its effect could be seen
        }

        var expected = seen.Share - Math.Max(0, 1 - ((1 - seen.Share) * seen.Rate / after.Rate));
        if (after.Share <= Margin / 2 || seen.Share - after.Share >= expected / 2)
        {
            unanswered = 0;
            BackgroundShare = Math.Min(BackgroundShare, after.Share);
        }
        else if (++unanswered >= 2)
        {
            // Twice: once may be the onset of a limit, when the window before the cut still held the calls before it.
            BackgroundShare = after.Share;
        }
    }

    private static double StandardError(double share, int calls) => Math.Sqrt(share * (1 - share) / Math.Max(calls, 1));

    /// <summary>Answers from <see cref="Start"/> (to <see cref="End"/> once closed) and how many were throttles.</summary>
    private readonly record struct Window(double Start, int Calls, int Throttled)
    {
        public double End { get; init; }

        public double Share => Calls == 0 ? 0 : (double)Throttled / Calls;

        public double Rate => Calls / Math.Max(End - Start, 1e-3);

        /// <summary>Calls per second that were not throttled.</summary>
        public double Admitted => (Calls - Throttled) / Math.Max(End - Start, 1e-3);
    }
}
