using EcrCurator.AwsSimulator.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace EcrCurator.AwsSimulator.Lambda;

/// <summary>
/// The Lambda operations served (REST-JSON), routed by method and path under <c>/2015-03-31/functions</c>: the
/// function name of the path and the query's parameters are the call's <see cref="AwsCall.Form"/>.
/// </summary>
internal static class LambdaApi
{
    public const string Root = "/2015-03-31/functions";

    public static readonly AwsService Service = new("lambda", null, new Dictionary<string, AwsOperation>
    {
        ["ListFunctions"] = FunctionOperations.ListFunctions,
        ["GetFunction"] = FunctionOperations.GetFunction,
        ["ListAliases"] = AliasOperations.ListAliases,
    });

    public static bool Serves(HttpRequest request) => request.Path.StartsWithSegments(Root);

    /// <summary>The operation a request names, and its parameters (the query's and the path's function name).</summary>
    public static (string Operation, IReadOnlyDictionary<string, string> Parameters) Identify(HttpRequest request)
    {
        var parameters = QueryHelpers.ParseQuery(request.QueryString.Value)
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        var rest = request.Path.Value![Root.Length..].Trim('/');
        var segments = rest.Length == 0 ? [] : rest.Split('/');
        var operation = (request.Method, segments) switch
        {
            ("GET", []) => "ListFunctions",
            ("GET", [_]) => "GetFunction",
            ("GET", [_, "aliases"]) => "ListAliases",
            _ => $"{request.Method} {request.Path}",
        };
        if (segments.Length > 0)
        {
            parameters["FunctionName"] = Uri.UnescapeDataString(segments[0]);
        }

        return (operation, parameters);
    }
}
