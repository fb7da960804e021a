using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EcrCurator.AwsSimulator;

namespace EcrCurator.Benchmarks;

/// <summary>
/// The AWS simulator in a process of its own, serving a generated world on 127.0.0.1 and a free port: the
/// <c>EcrCurator.AwsSimulator.dll</c> this project references (the build copies it, with its runtime configuration,
/// next to the benchmarks). Its output is passed on; disposing it (or this process exiting) kills it.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private const string Serves = "The AWS simulator serves ";
    private readonly Process process;
    private readonly TaskCompletionSource<string> described = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SimulatorProcess(Process process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
        AppDomain.CurrentDomain.ProcessExit += Kill;
    }

    public Uri Endpoint { get; }

    public int Id => process.Id;

    /// <summary>What the simulator says it serves (<c>2 account-regions, … images, … tasks</c>), once it serves.</summary>
    public string Description => described.Task.Result;

    /// <summary>The kernel's peak of its working set so far (VmHWM on Linux).</summary>
    public long PeakWorkingSet()
    {
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    /// <summary>Starts <c>--generate</c> with <paramref name="generatorArguments"/> and waits until the control API answers.</summary>
    public static async Task<SimulatorProcess> StartAsync(IEnumerable<string> generatorArguments, TimeSpan timeout)
    {
        var endpoint = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(Dotnet()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[typeof(SimulatorApp).Assembly.Location, "--generate", .. generatorArguments,
            "--urls", endpoint.ToString().TrimEnd('/'), "--Logging:LogLevel:Default", "Warning"])
        {
            start.ArgumentList.Add(argument);
        }

        var simulator = new SimulatorProcess(Process.Start(start) ?? throw new InvalidOperationException("the simulator did not start"), endpoint);
        try
        {
            simulator.PassOnOutput();
            await simulator.WaitUntilServingAsync(timeout);
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= Kill;
        Kill(null, EventArgs.Empty);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private void PassOnOutput()
    {
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && text.StartsWith(Serves, StringComparison.Ordinal))
            {
                described.TrySetResult(text[Serves.Length..].TrimEnd('.'));
            }
            else if (line.Data is { Length: > 0 } other)
            {
                Console.WriteLine($"simulator: {other}");
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { Length: > 0 } text)
            {
                Console.Error.WriteLine($"simulator: {text}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = new Uri(Endpoint, "/_sim/"), Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the simulator exited with {process.ExitCode} before it served (its output is above)");
            }

            try
            {
                using var health = await client.GetAsync("health");
                if (health.IsSuccessStatusCode)
                {
                    await described.Task.WaitAsync(TimeSpan.FromSeconds(10));
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet: it is still generating the world.
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"the simulator did not serve {Endpoint} within {timeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private void Kill(object? sender, EventArgs e)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>The dotnet host running this process (<c>dotnet EcrCurator.Benchmarks.dll</c>), else the one on the path.</summary>
    private static string Dotnet() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
