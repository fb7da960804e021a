namespace EcrCurator.Web.Components.Shared;

/// <summary>
/// Refreshes a component every <paramref name="interval"/> while the refresh says to go on, until disposed with the
/// component. Started again when the component sees work running again.
/// </summary>
public sealed class Poller(TimeSpan interval, Func<Task<bool>> refresh) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public bool IsRunning => _running is { IsCompleted: false };

    public void Start()
    {
        if (!IsRunning && !_stop.IsCancellationRequested)
        {
            _running = RunAsync(_stop.Token);
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop) && !stop.IsCancellationRequested && await refresh())
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        // Not waiting for a refresh in flight: it may wait for the renderer that is disposing us.
        _stop.Cancel();
        _stop.Dispose();
    }
}
