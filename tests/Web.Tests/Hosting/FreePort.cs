using System.Net;
using System.Net.Sockets;

namespace EcrCurator.Web.Tests.Hosting;

public static class FreePort
{
    /// <summary>A loopback port nothing listens on now (the system's choice).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
