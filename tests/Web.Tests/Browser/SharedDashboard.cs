using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>
/// One <see cref="DashboardApp"/> for all the tests of a class that only look (sign in, read pages): a class fixture,
/// so those tests do not start a database, a simulator and a snapshot each. Tests that change things start their own.
/// </summary>
public sealed class SharedDashboard : IAsyncLifetime
{
    private DashboardApp? app;

    public DashboardApp App => app ?? throw new InvalidOperationException("The shared dashboard has not started.");

    public async ValueTask InitializeAsync() => app = await DashboardApp.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
