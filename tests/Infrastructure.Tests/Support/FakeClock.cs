using Microsoft.Extensions.Time.Testing;

namespace EcrCurator.Infrastructure.Tests.Support;

/// <summary>Runs a call on a fake clock: the clock moves on half a second at a time while the call waits, and real I/O gets a moment between.</summary>
public static class FakeClock
{
    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Func<Task<T>> call)
    {
        var running = call();
        while (!running.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(running, Task.Delay(1));
        }

        return await running;
    }

    public static Task RunAsync(FakeTimeProvider time, Func<Task> call) =>
        RunAsync(time, async () =>
        {
            await call();
            return true;
        });
}
