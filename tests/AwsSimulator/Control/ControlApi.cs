using System.Text.Json;
using EcrCurator.AwsSimulator.Generation;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.AwsSimulator.Control;

/// <summary>
/// The control API under <c>/_sim</c> (a path no AWS client uses): read, replace and change the world, advance it by
/// simulated days, inject faults and rate limits, and read the request counts. Bodies are JSON in the world file's shapes.
/// </summary>
internal static class ControlApi
{
    public const string Root = "/_sim";

    public static void MapControlApi(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(Root).AddEndpointFilter(RefuseBadRequests);
        control.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        control.MapGet("/world", (SimulatorState state) => Json(state.Read(s => s.ToWorld())));
        control.MapPut("/world", async (HttpRequest request, SimulatorState state) =>
        {
            var world = WorldFile.Parse(await ReadBytesAsync(request), "world");
            return Change(state, s => { s.Load(world); return new { accounts = world.Accounts.Count }; });
        });
        control.MapPost("/reset", (SimulatorState state, FaultBook faults, RateLimiter limiter, RequestLog log) =>
        {
            faults.Clear();
            limiter.Clear();
            log.Clear();
            return Change(state, s => { s.Load(s.Initial); return new { reset = true }; });
        });
        control.MapPost("/advance", async (HttpRequest request, SimulatorState state, GeneratorSettings settings) =>
        {
            var advance = await ReadAsync<Advance>(request);
            return advance.Days is < 1 or > 3650
                ? Results.BadRequest(new { message = "days is between 1 and 3650" })
                : Change(state, s => WorldAdvance.Advance(s, settings, advance.Days));
        });
        control.MapPost("/images", async (HttpRequest request, SimulatorState state) =>
        {
            var push = await ReadAsync<ImagePush>(request);
            return Change(state, s => WorldChanges.Push(s, push));
        });
        control.MapPost("/tags", async (HttpRequest request, SimulatorState state) =>
        {
            var change = await ReadAsync<TagChange>(request);
            return Change(state, s => WorldChanges.MoveTag(s, change));
        });
        control.MapPost("/tags/remove", async (HttpRequest request, SimulatorState state) =>
        {
            var change = await ReadAsync<TagChange>(request);
            return Change(state, s => WorldChanges.RemoveTag(s, change));
        });
        control.MapPost("/task-definitions", async (HttpRequest request, SimulatorState state) =>
        {
            var registration = await ReadAsync<TaskDefinitionRegistration>(request);
            return Change(state, s => WorldChanges.Register(s, registration));
        });
        control.MapPost("/tasks", async (HttpRequest request, SimulatorState state) =>
        {
            var start = await ReadAsync<TaskStart>(request);
            return Change(state, s => WorldChanges.Start(s, start));
        });
        control.MapPost("/tasks/stop", async (HttpRequest request, SimulatorState state) =>
        {
            var stop = await ReadAsync<TaskStop>(request);
            return Change(state, s => WorldChanges.Stop(s, stop));
        });
        control.MapPut("/services", async (HttpRequest request, SimulatorState state) =>
        {
            var change = await ReadAsync<ServiceChange>(request);
            return Change(state, s => WorldChanges.PutService(s, change));
        });
        control.MapPut("/lambda-functions", async (HttpRequest request, SimulatorState state) =>
        {
            var change = await ReadAsync<LambdaFunctionChange>(request);
            return Change(state, s => WorldChanges.PutLambdaFunction(s, change));
        });
        control.MapPost("/pull", async (HttpRequest request, SimulatorState state) =>
        {
            var pull = await ReadAsync<ImagePull>(request);
            return Change(state, s => WorldChanges.Pull(s, pull));
        });
        control.MapGet("/archive", (SimulatorState state) => Json(new ArchiveSettings(state.RestoreTime.TotalSeconds)));
        control.MapPut("/archive", async (HttpRequest request, SimulatorState state) =>
        {
            var settings = await ReadAsync<ArchiveSettings>(request);
            if (settings.RestoreSeconds is < 0 or > 86_400)
            {
                throw new ControlException("restoreSeconds is between 0 and 86400");
            }

            state.RestoreTime = TimeSpan.FromSeconds(settings.RestoreSeconds);
            return Json(settings);
        });
        control.MapFaultApi();
    }

    private static readonly JsonSerializerOptions Strict = new(WorldFile.Json)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Answers a change that cannot be made with its status and a message that says why.</summary>
    private static async ValueTask<object?> RefuseBadRequests(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.RequestServices.GetRequiredService<SimulatorState>().SettleRestores();
        try
        {
            return await next(context);
        }
        catch (ControlException error)
        {
            return Results.Json(new { message = error.Message }, statusCode: error.Status);
        }
        catch (Exception error) when (error is WorldFormatException or ArgumentException)
        {
            return Results.Json(new { message = error.Message }, statusCode: 400);
        }
    }

    public static async Task<T> ReadAsync<T>(HttpRequest request)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(await ReadBytesAsync(request), Strict)
                ?? throw new ControlException("the body is empty");
        }
        catch (JsonException error)
        {
            throw new ControlException($"the body is not a valid {typeof(T).Name}: {error.Message}");
        }
    }

    public static IResult Json(object value) => Results.Json(value, WorldFile.Json);

    private static IResult Change<T>(SimulatorState state, Func<SimulatorState, T> change)
        where T : notnull => Json(state.Write(change));

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
