namespace EcrCurator.Infrastructure.Aws.Lambda;

/// <summary>Spaces requests at most <c>perSecond</c> a second: each waits for the next free slot.</summary>
public sealed class RequestPacer(int perSecond, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly TimeSpan interval = TimeSpan.FromSeconds(1.0 / perSecond);
    private readonly long start = time.GetTimestamp();
    private TimeSpan next;

    public async ValueTask WaitAsync(CancellationToken cancellation)
    {
        TimeSpan wait;
        lock (gate)
        {
            var now = time.GetElapsedTime(start);
            var slot = next > now ? next : now;
            next = slot + interval;
            wait = slot - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellation);
        }
    }
}
