namespace EcrCurator.Web.Hosting;

/// <summary>The addresses the server listens on, as ASP.NET Core reads them: <c>urls</c>, else <c>http_ports</c>/<c>https_ports</c>, else its default.</summary>
public static class ServerUrls
{
    private const string Default = "http://localhost:5000";

    /// <summary>The server's addresses and one more on <paramref name="port"/>, on the host of the first (all interfaces in a container, loopback in tests).</summary>
    public static IReadOnlyList<string> WithPort(IConfiguration configuration, int port, string key)
    {
        var urls = Of(configuration);
        var addresses = urls.Select(BindingAddress.Parse).ToList();
        if (addresses.Any(address => address.Port == port))
        {
            throw new InvalidOperationException($"{key} is {port}, a port the dashboard already listens on ({string.Join(";", urls)}): give it a port of its own.");
        }

        return [.. urls, $"http://{addresses[0].Host}:{port}"];
    }

    private static List<string> Of(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            return [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        List<string> ports =
        [
            .. Ports(configuration["http_ports"]).Select(port => $"http://*:{port}"),
            .. Ports(configuration["https_ports"]).Select(port => $"https://*:{port}"),
        ];
        return ports.Count > 0 ? ports : [Default];
    }

    private static IEnumerable<string> Ports(string? ports) => (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
