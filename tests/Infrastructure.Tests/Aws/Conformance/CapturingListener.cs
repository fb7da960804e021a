using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>An answer the listener gives: status, JSON body, extra headers.</summary>
public sealed record CannedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static CannedResponse Ok(string body) => new(200, body);
}

/// <summary>
/// Kestrel on 127.0.0.1 (a free port): records every request exactly as it arrived (method, raw target, headers,
/// body, when) and answers the n-th with <c>respond(n)</c>.
/// </summary>
public sealed class CapturingListener : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<(CapturedRequest Request, TimeSpan At)> requests = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private CapturingListener(Func<int, CannedResponse> respond)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            var headers = context.Request.Headers
                .SelectMany(header => header.Value.Select(value => KeyValuePair.Create(header.Key, value ?? "")))
                .ToList();
            int index;
            lock (requests)
            {
                index = requests.Count;
                requests.Add((new CapturedRequest(context.Request.Method, target, headers, body.ToArray()), clock.Elapsed));
            }

            var canned = respond(index);
            context.Response.StatusCode = canned.Status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            context.Response.Headers["x-amzn-RequestId"] = $"req-{index + 1}";
            foreach (var (name, value) in canned.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(canned.Body, context.RequestAborted);
        });
    }

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests.Select(entry => entry.Request)];
            }
        }
    }

    /// <summary>The pauses between consecutive requests.</summary>
    public IReadOnlyList<TimeSpan> Gaps
    {
        get
        {
            lock (requests)
            {
                return [.. requests.Zip(requests.Skip(1), (first, second) => second.At - first.At)];
            }
        }
    }

    public static async Task<CapturingListener> StartAsync(Func<int, CannedResponse> respond)
    {
        var listener = new CapturingListener(respond);
        await listener.app.StartAsync();
        var address = listener.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        listener.Address = new Uri(address);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
