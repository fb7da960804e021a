namespace EcrCurator.Web.Features.Snapshots;

/// <summary>A clock that starts at a given time and runs at the real pace (<c>snapshot --now</c>: the demo's history).</summary>
public sealed class ClockFrom(DateTimeOffset start) : TimeProvider
{
    private readonly long started = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(started);
}
