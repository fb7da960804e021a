using EcrCurator.Infrastructure.Aws;
using Microsoft.Extensions.Time.Testing;

namespace EcrCurator.Infrastructure.Tests.Aws;

/// <summary>
/// The adaptive send rate on a fake clock, with one caller sending back to back (5 ms per answer, so at most 200 calls
/// a second) to a server that throttles by its own rule.
/// </summary>
public class AwsRateTests
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(5);

    [Fact]
    public void SendsWithoutWaitingUntilAwsFirstThrottles()
    {
        using var rate = new AwsRate(new FakeTimeProvider());
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(rate.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
            rate.Record(throttled: false);
        }

        Assert.Null(rate.Rate);
    }

    [Fact]
    public async Task CutsToSeventyPercentOfTheRateMeasuredAtTheFirstThrottle()
    {
        var time = new FakeTimeProvider();
        using var rate = new AwsRate(time);
        await SendAsync(rate, time, TimeSpan.FromSeconds(2), _ => false);

        rate.Record(throttled: true);

        Assert.InRange(rate.Rate!.Value, 0.7 * 190, 0.7 * 210);
    }

    [Fact]
    public async Task SettlesAtAServersRateLimitWithFewThrottlesAndRecoversWhenTheLimitGoes()
    {
        var time = new FakeTimeProvider();
        using var rate = new AwsRate(time);
        var server = new TokenBucket(time, perSecond: 50);

        var limited = await SendAsync(rate, time, TimeSpan.FromSeconds(60), server.Throttles);
        var unlimited = await SendAsync(rate, time, TimeSpan.FromSeconds(30), _ => false);

        Assert.InRange(limited.Last(20).Sent, 40, 60);
        Assert.True(limited.Last(40).Share < 0.1, $"{limited.Last(40).Share:P0} of the calls in the last 40 s were throttled");
        Assert.True(unlimited.Last(10).Sent > 150, $"after the limit went, it sent only {unlimited.Last(10).Sent:0} calls a second");
    }

    [Fact]
    public async Task KeepsSendingWhenAShareOfCallsIsThrottledWhateverTheRate()
    {
        var time = new FakeTimeProvider();
        using var rate = new AwsRate(time);
        var draw = new Random(3);

        var run = await SendAsync(rate, time, TimeSpan.FromSeconds(60), _ => draw.NextDouble() < 0.3);

        Assert.True(run.Last(30).Sent > 60, $"it slowed to {run.Last(30).Sent:0} calls a second (without the rate: 200)");
        Assert.InRange(rate.BackgroundShare, 0.15, 0.6);
    }

    [Fact]
    public async Task StillCutsWhenAServersLimitAddsToThrottlingThatIgnoresTheRate()
    {
        var time = new FakeTimeProvider();
        using var rate = new AwsRate(time);
        var draw = new Random(5);
        var server = new TokenBucket(time, perSecond: 40);

        var run = await SendAsync(rate, time, TimeSpan.FromSeconds(90), now => server.Throttles(now) || draw.NextDouble() < 0.1);

        Assert.True(run.Last(30).Sent < 80, $"it sent {run.Last(30).Sent:0} calls a second to a server that takes 40");
    }

    [Fact]
    public async Task NeverExceedsTheServicesCeiling()
    {
        var time = new FakeTimeProvider();
        using var rate = new AwsRate(time, ceiling: 10);

        var run = await SendAsync(rate, time, TimeSpan.FromSeconds(20), _ => false);

        Assert.InRange(run.Last(10).Sent, 9, 10.5);
    }

    [Fact]
    public async Task ServesWaitersFirstComeFirstServedAndDropsACancelledOne()
    {
        var time = new FakeTimeProvider();
        using var rate = new AwsRate(time, ceiling: 1);
        await rate.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var first = rate.WaitAsync(CancellationToken.None);
        var cancelled = rate.WaitAsync(cancel.Token);
        var third = rate.WaitAsync(CancellationToken.None);

        await cancel.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(first.IsCompletedSuccessfully);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(third.IsCompletedSuccessfully);
    }

    /// <summary>Sends back to back for <paramref name="duration"/>; per second of it, the calls sent and the share throttled.</summary>
    private static async Task<Run> SendAsync(AwsRate rate, FakeTimeProvider time, TimeSpan duration, Func<DateTimeOffset, bool> throttles)
    {
        var end = time.GetUtcNow() + duration;
        var seconds = new List<(int Sent, int Throttled)>();
        var second = time.GetUtcNow();
        (int Sent, int Throttled) current = (0, 0);
        while (time.GetUtcNow() < end)
        {
            var turn = rate.WaitAsync(CancellationToken.None);
            while (!turn.IsCompleted)
            {
                time.Advance(TimeSpan.FromMilliseconds(1));
            }

            await turn;
            var throttled = throttles(time.GetUtcNow());
            time.Advance(Latency);
            rate.Record(throttled);
            current = (current.Sent + 1, current.Throttled + (throttled ? 1 : 0));
            while (time.GetUtcNow() - second >= TimeSpan.FromSeconds(1))
            {
                seconds.Add(current);
                current = (0, 0);
                second += TimeSpan.FromSeconds(1);
            }
        }

        return new Run(seconds);
    }

    private sealed record Run(List<(int Sent, int Throttled)> Seconds)
    {
        public (double Sent, double Share) Last(int count)
        {
            var last = Seconds.TakeLast(count).ToList();
            var sent = last.Sum(second => second.Sent);
            return (sent / (double)last.Count, sent == 0 ? 0 : last.Sum(second => second.Throttled) / (double)sent);
        }
    }

    /// <summary>A server's limit: a bucket of a second's calls, refilled at <paramref name="perSecond"/>.</summary>
    private sealed class TokenBucket(TimeProvider time, double perSecond)
    {
        private readonly double rate = perSecond;
        private double tokens = perSecond;
        private DateTimeOffset refilled = time.GetUtcNow();

        public bool Throttles(DateTimeOffset now)
        {
            tokens = Math.Min(rate, tokens + ((now - refilled).TotalSeconds * rate));
            refilled = now;
            if (tokens < 1)
            {
                return true;
            }

            tokens--;
            return false;
        }
    }
}
