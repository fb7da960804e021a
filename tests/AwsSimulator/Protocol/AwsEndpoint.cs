using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using EcrCurator.AwsSimulator.Control;
using EcrCurator.AwsSimulator.Ecr;
using EcrCurator.AwsSimulator.Ecs;
using EcrCurator.AwsSimulator.Lambda;
using EcrCurator.AwsSimulator.Signing;
using EcrCurator.AwsSimulator.State;
using EcrCurator.AwsSimulator.Sts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace EcrCurator.AwsSimulator.Protocol;

/// <summary>
/// Serves AWS on <c>POST /</c>: the service is told by <c>X-Amz-Target</c> (ECR, ECS: JSON 1.1) or by the form's
/// <c>Action</c> (STS: query protocol); and Lambda (REST-JSON) by its paths under <c>/2015-03-31/functions</c>. Every request is checked for a well-formed SigV4 signature, acts as the account
/// of its access key id in the region of its credential scope, and passes the faults and rate limits in force.
/// </summary>
internal sealed class AwsEndpoint(SimulatorState state, FaultBook faults, RateLimiter limiter, RequestLog log, ILogger<AwsEndpoint> logger)
{
    private static readonly AwsService[] JsonServices = [EcrApi.Service, EcsApi.Service];

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        var body = await ReadBodyAsync(http.Request);
        var (service, operation, form) = Identify(http.Request, body);
        AwsCall? call = null;
        try
        {
            if (service is null)
            {
                throw new AwsException("UnknownOperationException", "The operation is not recognised: send X-Amz-Target or an Action.");
            }

            var credential = SignatureCheck.Verify(http.Request, body, service.SigningName);
            call = new AwsCall(requestId, service.SigningName, operation, credential.AccountId ?? state.FirstAccountId, credential.Region, ParseJson(service, body), form, state)
            {
                SessionToken = http.Request.Headers["X-Amz-Security-Token"].FirstOrDefault(),
            };
            call = call with { IgnoreSort = faults.IgnoresSort(call.AccountId, call.Region, call.Service, operation) };
            state.SettleRestores();
            var result = await ServeAsync(service, call, http.RequestAborted);
            log.Record(call.AccountId, call.Region, call.Service, operation, failed: false);
            await WriteAsync(http.Response, service, operation, requestId, result);
        }
        catch (AwsException error)
        {
            if (call is not null)
            {
                log.Record(call.AccountId, call.Region, call.Service, operation, failed: true);
            }

            await WriteErrorAsync(http.Response, service, requestId, error);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "{Service}:{Operation} failed", service?.SigningName, operation);
            await WriteErrorAsync(http.Response, service, requestId, new AwsException("ServerException", $"The simulator failed: {error.Message}", 500));
        }
    }

    private async Task<object> ServeAsync(AwsService service, AwsCall call, CancellationToken cancel)
    {
        var (delay, fault) = faults.Evaluate(call.AccountId, call.Region, call.Service, call.Operation);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, state.Time, cancel);
        }

        if (fault is not null)
        {
            throw fault;
        }

        if (!limiter.TryTake(call.AccountId, call.Region, call.Service, call.Operation))
        {
            throw AwsException.Throttling();
        }

        var handler = service.Operations.GetValueOrDefault(call.Operation)
            ?? throw new AwsException("UnknownOperationException", $"Could not find operation {call.Operation}.");
        return handler(call);
    }

    private static (AwsService? Service, string Operation, IReadOnlyDictionary<string, string> Form) Identify(HttpRequest request, byte[] body)
    {
        var empty = new Dictionary<string, string>();
        if (LambdaApi.Serves(request))
        {
            var (lambda, parameters) = LambdaApi.Identify(request);
            return (LambdaApi.Service, lambda, parameters);
        }

        if (request.Headers["X-Amz-Target"].FirstOrDefault() is { } target)
        {
            var dot = target.LastIndexOf('.');
            var service = dot < 0 ? null : JsonServices.FirstOrDefault(candidate => candidate.TargetPrefix == target[..dot]);
            return (service, dot < 0 ? target : target[(dot + 1)..], empty);
        }

        var query = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            ? QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body))
            : QueryHelpers.ParseQuery(request.QueryString.Value);
        var form = query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        return form.TryGetValue("Action", out var action) ? (StsApi.Service, action, form) : (null, "", empty);
    }

    private static JsonElement ParseJson(AwsService service, byte[] body)
    {
        if (service == StsApi.Service || service == LambdaApi.Service || body.Length == 0)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new AwsException("SerializationException", "The request body is not a JSON object.");
        }
        catch (JsonException)
        {
            throw new AwsException("SerializationException", "The request body is not valid JSON.");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static Task WriteAsync(HttpResponse response, AwsService service, string operation, string requestId, object result)
    {
        if (result is XElement xml)
        {
            return StsWire.WriteResult(response, operation, requestId, xml);
        }

        if (service == LambdaApi.Service)
        {
            return LambdaWire.WriteResult(response, result);
        }

        response.ContentType = "application/x-amz-json-1.1";
        return JsonSerializer.SerializeAsync(response.Body, result, result.GetType(), AwsJson.Options);
    }

    private static Task WriteErrorAsync(HttpResponse response, AwsService? service, string requestId, AwsException error)
    {
        if (error.Page is { } page)
        {
            response.StatusCode = error.Status;
            response.ContentType = "text/html";
            return response.WriteAsync(page);
        }

        if (service == StsApi.Service)
        {
            return StsWire.WriteError(response, requestId, error);
        }

        if (service == LambdaApi.Service)
        {
            return LambdaWire.WriteError(response, error);
        }

        response.StatusCode = error.Status;
        response.ContentType = "application/x-amz-json-1.1";
        response.Headers["x-amzn-ErrorType"] = error.Code;
        return JsonSerializer.SerializeAsync(response.Body, new Dictionary<string, string> { ["__type"] = error.Code, ["message"] = error.Message }, AwsJson.Options);
    }
}
