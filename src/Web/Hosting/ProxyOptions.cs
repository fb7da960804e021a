using System.Net;

namespace EcrCurator.Web.Hosting;

/// <summary>
/// Running behind a load balancer or reverse proxy (<c>Curator:Proxy</c>): trust its forwarded headers (client
/// address, https) from known networks, and serve under a path base such as <c>/curator</c>.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Curator:Proxy";

    /// <summary>Read X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host.</summary>
    public bool ForwardedHeaders { get; set; }

    /// <summary>Networks the proxies forward from, as CIDR (e.g. the VPC's <c>10.0.0.0/16</c>); empty: any (only behind a private load balancer).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>A path the dashboard is served under, e.g. <c>/curator</c>; none by default.</summary>
    public string? PathBase { get; set; }

    public IEnumerable<string> Problems()
    {
        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return $"{Section}:KnownNetworks:{i} is not a network in CIDR notation (it is '{KnownNetworks[i]}'), e.g. 10.0.0.0/16.";
            }
        }

        if (PathBase is { Length: > 0 } path && (path[0] != '/' || path.EndsWith('/') || path.Contains('?') || path.Contains('#')))
        {
            yield return $"{Section}:PathBase must start with / and not end with one, e.g. /curator (it is '{path}').";
        }
    }
}
