using System.Diagnostics;
using System.Text;
using EcrCurator.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EcrCurator.Web.Tests.Support;

/// <summary>
/// Several job servers on one database: each the product's server in a process of its own (so that one can be
/// killed), with one worker and a short take-over time; and, in this process, the product's services on the same
/// database (not started: no job server here) to queue work and look at the jobs.
/// </summary>
public sealed class JobServers : IAsyncDisposable
{
    private readonly List<(Process Process, StringBuilder Output)> servers;
    private readonly IHost product;

    private JobServers(List<(Process, StringBuilder)> servers, IHost product)
    {
        this.servers = servers;
        this.product = product;
    }

    public IReadOnlyList<int> ProcessIds => [.. servers.Select(server => server.Process.Id)];

    public static async Task<JobServers> StartAsync(string database, int count, string[] configuration)
    {
        string[] settings = [$"--ConnectionStrings:Curator={database}", "--Logging:LogLevel:Default=Warning", .. configuration];
        var product = CommandHost.Build(settings, TextWriter.Null);
        await product.Database().MigrateAsync(TestContext.Current.CancellationToken);
        var servers = new List<(Process, StringBuilder)>();
        for (var i = 0; i < count; i++)
        {
            servers.Add(Start(["--environment", "Development", "--urls", "http://127.0.0.1:0", "--Curator:Jobs:WorkerCount=1", "--Curator:Jobs:TakeOverSeconds=5", .. settings]));
        }

        var started = new JobServers(servers, product);
        await started.WaitUntilAsync(() => Task.FromResult(started.Monitoring.Servers().Count == count), TimeSpan.FromSeconds(60), "the job servers did not start");
        return started;
    }

    public T Service<T>()
        where T : notnull => product.Services.GetRequiredService<T>();

    public IMonitoringApi Monitoring => Service<JobStorage>().GetMonitoringApi();

    public async Task<T> QueryAsync<T>(Func<CuratorDbContext, Task<T>> query)
    {
        await using var db = await Service<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await query(db);
    }

    /// <summary>The process of each job of <typeparamref name="TJob"/>'s <paramref name="method"/> that a server processes or processed (each time it was taken).</summary>
    public IReadOnlyList<(string Job, int Process)> Processed<TJob>(string method)
    {
        var jobs = Monitoring.SucceededJobs(0, 1000).Select(job => (job.Key, job.Value.Job))
            .Concat(Monitoring.ProcessingJobs(0, 1000).Select(job => (job.Key, job.Value.Job)))
            .Where(job => job.Job?.Type == typeof(TJob) && job.Job.Method.Name == method)
            .Select(job => job.Key)
            .Distinct();
        return
        [
            .. jobs.SelectMany(job => Monitoring.JobDetails(job).History
                .Where(state => state.StateName == "Processing")
                .Select(state => (job, ProcessOf(state.Data["ServerId"])))),
        ];
    }

    /// <summary>Kills a server's process at once: no shutdown, its connections drop, its jobs stay with it until taken over.</summary>
    public async Task KillAsync(int processId)
    {
        var (process, _) = servers.Single(server => server.Process.Id == processId);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} within {timeout}. The servers said:\n{string.Join("\n---\n", servers.Select(server => server.Output))}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in servers)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            process.Dispose();
        }

        product.Dispose();
    }

    /// <summary>A Hangfire server's id is its name, its process id and a GUID, separated by colons.</summary>
    private static int ProcessOf(string serverId) => int.Parse(serverId.Split(':')[^2], System.Globalization.CultureInfo.InvariantCulture);

    private static (Process, StringBuilder) Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(CommandLine).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }
}
