using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcrCurator.Web.Tests.Reporters;

/// <summary>
/// deploy/reporters/kubernetes/report-usage.sh run with sh, jq and curl on pods written per the Kubernetes Pod status
/// API reference, posting to a real local listener.
/// </summary>
public sealed class KubernetesReporterTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Reporters", "kubernetes");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TurnsThePodsIntoTheReportOfEveryUnfinishedPodsContainersAndInitContainers()
    {
        await using var receiver = await Receiver.StartAsync(HttpStatusCode.OK);

        var run = await RunAsync("pods.json", receiver.Address, ("CURATOR_TOKEN", "ecrc_7_secret"));

        Assert.True(run.ExitCode == 0, run.Errors);
        var (method, path, authorization, body) = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/api/v1/usage-reports", "Bearer ecrc_7_secret"), (method, path, authorization));
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "fixtures", "pods.expected-report.json"), Cancellation));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(body)), body);
    }

    [Fact]
    public async Task ReadsTheTokenFromAFileAndExitsOneWhenTheReportIsRefused()
    {
        await using var receiver = await Receiver.StartAsync(HttpStatusCode.Unauthorized);
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, "ecrc_9_from-file\n", Cancellation);

        var run = await RunAsync("pods.json", receiver.Address, ("CURATOR_TOKEN_FILE", tokenFile));

        File.Delete(tokenFile);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not accepted", run.Errors, StringComparison.Ordinal);
        Assert.Equal("Bearer ecrc_9_from-file", Assert.Single(receiver.Requests).Authorization);
    }

    [Fact]
    public async Task RefusesMissingSettingsAndInputThatIsNotPodsWithoutPosting()
    {
        await using var receiver = await Receiver.StartAsync(HttpStatusCode.OK);

        var noSource = await RunAsync("pods.json", receiver.Address, ("CURATOR_TOKEN", "t"), ("CURATOR_SOURCE", ""));
        var noToken = await RunAsync("pods.json", receiver.Address);
        var badHours = await RunAsync("pods.json", receiver.Address, ("CURATOR_TOKEN", "t"), ("CURATOR_EXPIRES_IN_HOURS", "two"));
        var notJson = await RunAsync("pods.expected-report.json", receiver.Address, ("CURATOR_TOKEN", "t"));

        Assert.Equal((2, 2, 2, 2), (noSource.ExitCode, noToken.ExitCode, badHours.ExitCode, notJson.ExitCode));
        Assert.Contains("CURATOR_SOURCE", noSource.Errors, StringComparison.Ordinal);
        Assert.Contains("usage:report", noToken.Errors, StringComparison.Ordinal);
        Assert.Contains("CURATOR_EXPIRES_IN_HOURS", badHours.Errors, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    private static async Task<(int ExitCode, string Errors)> RunAsync(string fixture, Uri address, params (string Name, string Value)[] settings)
    {
        var start = new ProcessStartInfo("sh", [Path.Combine(Folder, "report-usage.sh")])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment.Remove("CURATOR_TOKEN");
        start.Environment.Remove("CURATOR_TOKEN_FILE");
        start.Environment["CURATOR_URL"] = address.ToString();
        start.Environment["CURATOR_SOURCE"] = "eks/prod";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        try
        {
            await process.StandardInput.WriteAsync(await File.ReadAllTextAsync(Path.Combine(Folder, "fixtures", fixture), Cancellation));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It stopped before reading its input (bad settings): what it said is below.
        }

        var errors = process.StandardError.ReadToEndAsync(Cancellation);
        _ = await process.StandardOutput.ReadToEndAsync(Cancellation);
        await process.WaitForExitAsync(Cancellation);
        return (process.ExitCode, await errors);
    }

    /// <summary>A local HTTP listener that records what it is sent and answers with one status.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication app;

        private Receiver(WebApplication app, Uri address)
        {
            this.app = app;
            Address = address;
        }

        public Uri Address { get; }

        public List<(string Method, string Path, string Authorization, string Body)> Requests { get; } = [];

        public static async Task<Receiver> StartAsync(HttpStatusCode status)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            Receiver? receiver = null;
            app.Run(async http =>
            {
                var body = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
                lock (receiver!.Requests)
                {
                    receiver.Requests.Add((http.Request.Method, http.Request.Path.Value!, http.Request.Headers.Authorization.ToString(), body));
                }

                http.Response.StatusCode = (int)status;
                await http.Response.WriteAsJsonAsync(new { source = "eks/prod" }, http.RequestAborted);
            });
            await app.StartAsync(Cancellation);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            receiver = new Receiver(app, address);
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
