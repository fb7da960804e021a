using System.Diagnostics;

namespace EcrCurator.Benchmarks;

/// <summary>
/// A process's working set every 100 ms: the peak of the whole run and of the current phase. A process that has
/// exited keeps its last figures.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Process process;
    private readonly Timer timer;
    private long phasePeak;

    public MemorySampler(Process process)
    {
        this.process = process;
        timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public long Peak { get; private set; }

    public long Now()
    {
        lock (process)
        {
            try
            {
                process.Refresh();
                return process.WorkingSet64;
            }
            catch (InvalidOperationException)
            {
                return 0;
            }
        }
    }

    public void StartPhase() => Interlocked.Exchange(ref phasePeak, Now());

    public long PhasePeak()
    {
        Sample();
        return Interlocked.Read(ref phasePeak);
    }

    private void Sample()
    {
        var now = Now();
        lock (process)
        {
            Peak = Math.Max(Peak, now);
            phasePeak = Math.Max(phasePeak, now);
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        process.Dispose();
    }
}
