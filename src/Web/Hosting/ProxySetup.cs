using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace EcrCurator.Web.Hosting;

public static class ProxySetup
{
    public static WebApplicationBuilder AddProxy(this WebApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        if (proxy.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var network in proxy.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            if (proxy.KnownNetworks.Count == 0)
            {
                forwarded.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Any, 0));
                forwarded.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.IPv6Any, 0));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after sees the client's scheme and address, and paths under the base.</summary>
    public static void UseProxy(this WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProxyOptions>>().Value;
        if (proxy.ForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        if (proxy.PathBase is { Length: > 0 } path)
        {
            app.UsePathBase(path);
        }

        app.UseRouting();
    }
}
