using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Lambda;

/// <summary>Lambda's function names (plain, <c>NAME:QUALIFIER</c>, full or partial ARN), ARNs, and its errors.</summary>
internal static class LambdaNames
{
    public static string FunctionArn(RegionState region, string function, string? qualifier = null) =>
        $"arn:{Arns.PartitionOf(region.Region)}:lambda:{region.Region}:{region.AccountId}:function:{function}" + (qualifier is null ? "" : $":{qualifier}");

    /// <summary>The function a call names, and the qualifier it carries (in its name or its <c>Qualifier</c>).</summary>
    public static (RegionState Region, WorldLambdaFunction Function, string? Qualifier) Find(SimulatorState state, AwsCall call)
    {
        var given = call.Form.GetValueOrDefault("FunctionName") ?? throw Invalid("FunctionName is required.");
        var parts = given.Split(':');
        var (name, named) = parts switch
        {
            ["arn", _, "lambda", _, _, "function", var n] => (n, null),
            ["arn", _, "lambda", _, _, "function", var n, var q] => (n, q),
            [_, "function", var n] => (n, null),
            [_, "function", var n, var q] => (n, q),
            [var n] => (n, (string?)null),
            [var n, var q] => (n, q),
            _ => throw Invalid($"FunctionName '{given}' is not a function name or ARN."),
        };
        var qualifier = call.Form.GetValueOrDefault("Qualifier");
        if (named is not null && qualifier is not null && named != qualifier)
        {
            throw Invalid("The derived qualifier from the function name does not match the specified qualifier.");
        }

        qualifier ??= named;
        var region = state.Find(call.AccountId, call.Region);
        return region?.LambdaFunctions.GetValueOrDefault(name) is { } function
            ? (region, function, qualifier)
            : throw NotFound($"Function not found: arn:{call.Partition}:lambda:{call.Region}:{call.AccountId}:function:{name}" + (qualifier is null ? "" : $":{qualifier}"));
    }

    public static AwsException NotFound(string message) => new("ResourceNotFoundException", message, 404);

    public static AwsException Invalid(string message) => new("InvalidParameterValueException", message);

    /// <summary>MaxItems between 1 and 10000 (ListFunctions answers at most 50 whatever is asked).</summary>
    public static int PageSize(AwsCall call, int largest)
    {
        if (!call.Form.TryGetValue("MaxItems", out var text))
        {
            return largest;
        }

        return int.TryParse(text, out var size) && size is >= 1 and <= 10000
            ? Math.Min(size, largest)
            : throw new AwsException("ValidationException", $"1 validation error detected: Value '{text}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000");
    }
}
