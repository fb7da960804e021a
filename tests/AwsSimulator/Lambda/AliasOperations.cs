using EcrCurator.AwsSimulator.Protocol;

namespace EcrCurator.AwsSimulator.Lambda;

/// <summary>ListAliases: a function's aliases by name (optionally those of one <c>FunctionVersion</c>), pages of at most 50.</summary>
internal static class AliasOperations
{
    private const int PageLimit = 50;

    public static object ListAliases(AwsCall call)
    {
        var size = LambdaNames.PageSize(call, PageLimit);
        var version = call.Form.GetValueOrDefault("FunctionVersion");
        return call.State.Read(state =>
        {
            var (region, function, _) = LambdaNames.Find(state, call);
            var aliases = function.Aliases.Where(alias => version is null || alias.FunctionVersion == version).OrderBy(alias => alias.Name, StringComparer.Ordinal).ToList();
            var page = Paging.Take(aliases, alias => alias.Name, call.Form.GetValueOrDefault("Marker"), "ListAliases", size);
            return (object)new
            {
                NextMarker = page.NextToken,
                Aliases = page.Items.Select(alias => new
                {
                    AliasArn = LambdaNames.FunctionArn(region, function.Name, alias.Name),
                    alias.Name,
                    alias.FunctionVersion,
                    Description = "",
                    RevisionId = FunctionOperations.RevisionId($"{function.Name}/{alias.Name}:{alias.FunctionVersion}"),
                }),
            };
        });
    }
}
