using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EcrCurator.AwsSimulator.Control;

/// <summary>The control API's faults (<c>/_sim/faults</c>), rate limits (<c>/_sim/rate-limits</c>) and request counts (<c>/_sim/requests</c>).</summary>
internal static class FaultApi
{
    public static void MapFaultApi(this RouteGroupBuilder control)
    {
        control.MapGet("/faults", (FaultBook faults) => ControlApi.Json(faults.List()));
        control.MapPost("/faults", async (HttpRequest request, FaultBook faults) =>
            ControlApi.Json(faults.Add(await ControlApi.ReadAsync<Fault>(request))));
        control.MapDelete("/faults", (FaultBook faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        control.MapDelete("/faults/{id:int}", (int id, FaultBook faults) => faults.Remove(id) ? Results.NoContent() : Results.NotFound());

        control.MapGet("/rate-limits", (RateLimiter limiter) => ControlApi.Json(limiter.List()));
        control.MapPost("/rate-limits", async (HttpRequest request, RateLimiter limiter) =>
            ControlApi.Json(limiter.Add(await ControlApi.ReadAsync<RateLimit>(request))));
        control.MapDelete("/rate-limits", (RateLimiter limiter) =>
        {
            limiter.Clear();
            return Results.NoContent();
        });
        control.MapDelete("/rate-limits/{id:int}", (int id, RateLimiter limiter) => limiter.Remove(id) ? Results.NoContent() : Results.NotFound());

        control.MapGet("/requests", (RequestLog log) => ControlApi.Json(log.Snapshot()));
        control.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
    }
}
