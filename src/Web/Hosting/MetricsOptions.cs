namespace EcrCurator.Web.Hosting;

/// <summary>
/// Who may read <c>/metrics</c> (<c>Curator:Metrics</c>), which names accounts and regions: with a <see cref="Port"/>,
/// only requests to that port (and that port serves nothing else); with a <see cref="Token"/>, only requests bearing it;
/// with both, both must hold; with neither, nobody (404).
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Curator:Metrics";
    public const string Path = "/metrics";
    private const int ShortestToken = 16;

    /// <summary>A port of their own for the metrics, reachable by the scraper and not from the load balancer.</summary>
    public int? Port { get; set; }

    /// <summary>A secret the scraper sends as <c>Authorization: Bearer …</c>.</summary>
    public string? Token { get; set; }

    public bool Enabled => Port is not null || !string.IsNullOrEmpty(Token);

    public IEnumerable<string> Problems()
    {
        if (Port is < 1 or > 65535)
        {
            yield return $"{Section}:Port must be a port, 1 to 65535 (it is {Port}).";
        }

        if (Token is { Length: > 0 } token && (token.Length < ShortestToken || token.Any(char.IsWhiteSpace)))
        {
            yield return $"{Section}:Token must be at least {ShortestToken} characters without spaces (a random secret, e.g. openssl rand -hex 32).";
        }
    }
}
