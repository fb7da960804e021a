using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcrCurator.Web.Tests.Support;

/// <summary>
/// The server alone on a loopback port and a fresh database, without AWS or a snapshot (<see cref="DashboardApp"/> has
/// those), with what it logs from its start kept in <see cref="Logs"/>.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, LogCapture logs, string database)
    {
        App = app;
        Logs = logs;
        Database = database;
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Address = address;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public WebApplication App { get; }

    public LogCapture Logs { get; }

    public string Database { get; }

    public Uri Address { get; }

    /// <summary>A client of the server that does not follow redirects.</summary>
    public HttpClient Client { get; }

    /// <param name="settings">Further arguments; the environment is Development unless they name another.</param>
    public static async Task<RunningServer> StartAsync(params string[] settings) =>
        await StartOnAsync(await WebTestDatabase.FreshAsync("curator_web_server"), settings);

    /// <summary>A server on a database an earlier one left (another server of the same deployment).</summary>
    public static async Task<RunningServer> StartOnAsync(string database, params string[] settings)
    {
        var app = await Server.BuildAsync(
        [
            "--environment", "Development", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:EcrCurator", "Information",
            $"--ConnectionStrings:Curator={database}", "--Curator:Jobs:RunServer=false",
            .. settings,
        ]);
        var logs = new LogCapture();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningServer(app, logs, database);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
