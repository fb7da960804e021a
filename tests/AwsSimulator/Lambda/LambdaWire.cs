using System.Text.Json;
using System.Text.Json.Serialization;
using EcrCurator.AwsSimulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace EcrCurator.AwsSimulator.Lambda;

/// <summary>
/// Lambda's REST-JSON wire: capitalised members in <c>application/json</c>; errors with their code in
/// <c>x-amzn-ErrorType</c>, a <c>{"Type", "Message"}</c> body and the status Lambda gives them (throttling is
/// TooManyRequestsException, 429).
/// </summary>
internal static class LambdaWire
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static Task WriteResult(HttpResponse response, object result)
    {
        response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(response.Body, result, result.GetType(), Json);
    }

    public static Task WriteError(HttpResponse response, AwsException error)
    {
        var (code, status, type) = error.Code switch
        {
            "ThrottlingException" or "TooManyRequestsException" => ("TooManyRequestsException", 429, "User"),
            "AccessDeniedException" => ("AccessDeniedException", 403, "User"),
            "ServerException" => ("ServiceException", 500, "Service"),
            "UnknownOperationException" => ("UnknownOperationException", 404, "User"),
            _ => (error.Code, error.Status, error.Status >= 500 ? "Service" : "User"),
        };
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["x-amzn-ErrorType"] = code;
        if (status == 429)
        {
            response.Headers.RetryAfter = "1";
        }

        var body = new Dictionary<string, string> { ["Type"] = type, ["Message"] = error.Message };
        if (status == 429)
        {
            body["Reason"] = "CallerRateLimitExceeded";
        }

        return JsonSerializer.SerializeAsync(response.Body, body, Json);
    }
}
