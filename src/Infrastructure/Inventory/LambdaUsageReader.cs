using System.Collections.Concurrent;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Lambda;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>
/// Reads what Lambda runs in one account-region: every version (<c>$LATEST</c> included) of every function of
/// package type Image, with its image and (when asked) the aliases pointing at it. Published versions' images come from
/// <see cref="LambdaVersionCache"/> when known; the versions and aliases are listed every time. Aliases only say where
/// a version runs, never whether: the live re-check before a batch leaves them out, since ListAliases' 15 calls a
/// second would make a read of 1,000 functions older than <c>Curator:Execution:MaxUsageAgeSeconds</c>.
/// </summary>
public sealed class LambdaUsageReader(AwsConnections connections, LambdaRates rates, LambdaVersionCache cache, IOptions<AwsOptions> options)
{
    public async Task<IReadOnlyList<ImageUse>> ReadAsync(AccountRegion source, bool aliases, CancellationToken cancellation)
    {
        var lambda = new LambdaClient(connections.Client(source, AwsService.Lambda), rates);
        try
        {
            var functions = (await lambda.ListFunctionVersionsAsync(cancellation))
                .Where(version => version.PackageType == "Image")
                .GroupBy(version => version.FunctionName ?? throw new IncompleteReadException("ListFunctions listed a version without a function name."))
                .ToList();
            var known = cache.Of(source);
            var read = new ConcurrentDictionary<string, FunctionCodeLocation>();
            var uses = new ConcurrentBag<ImageUse>();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Aws.MaxConcurrency, CancellationToken = cancellation };
            await Parallel.ForEachAsync(functions, parallel, async (function, token) =>
            {
                List<AliasConfiguration> pointing = [];
                if (aliases)
                {
                    if (await lambda.ListAliasesAsync(function.Key, token) is not { } listed)
                    {
                        return; // deleted since it was listed: it runs nothing
                    }

                    pointing = listed;
                }

                await Task.WhenAll(function.Select(async version =>
                {
                    var number = version.Version ?? throw new IncompleteReadException($"ListFunctions listed a version of {function.Key} without its number.");
                    var key = LambdaVersionCache.KeyOf(version);
                    var code = key is not null && known.TryGetValue(key, out var kept) ? kept : await lambda.GetCodeAsync(function.Key, number, token);
                    if (code is null)
                    {
                        return; // deleted since it was listed
                    }

                    if (code.ImageUri is null && code.ResolvedImageUri is null)
                    {
                        throw new IncompleteReadException($"GetFunction gave no image for version {number} of function {function.Key}.");
                    }

                    if (key is not null)
                    {
                        read[key] = code;
                    }

                    var site = new LambdaSite(source.AccountId, source.Region, function.Key, number, [.. AliasesOf(pointing, number)]);
                    foreach (var use in site.Uses(code.ImageUri, code.ResolvedImageUri))
                    {
                        uses.Add(use);
                    }
                }));
            });
            cache.Replace(source, read);
            return [.. uses];
        }
        catch (AwsException error) when (error.IsAccessDenied)
        {
            throw new IncompleteReadException(
                $"Lambda functions could not be read: {error.Message} Where no Lambda function runs images of the curated registries, "
                + "setting Curator:Usage:Lambda to false turns the Lambda read off.");
        }
    }

    /// <summary>The aliases that send invocations to <paramref name="version"/>, weighted ones included.</summary>
    private static IEnumerable<string> AliasesOf(List<AliasConfiguration> aliases, string version) =>
        aliases.Where(alias => alias.Name is not null
                               && (alias.FunctionVersion == version || alias.RoutingConfig?.AdditionalVersionWeights?.ContainsKey(version) == true))
            .Select(alias => alias.Name!);
}
