using EcrCurator.Infrastructure.Aws;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>
/// Everything a usage source runs: ECS, and Lambda unless <c>Curator:Usage:Lambda</c> is false, read at once. Either
/// failing fails the whole read, so that the source is incomplete and nothing is deleted (fail closed).
/// </summary>
public sealed class UsageReader(EcsUsageReader ecs, LambdaUsageReader lambda, IOptions<UsageOptions> options) : IUsageReader
{
    public async Task<UsageRead> ReadAsync(AccountRegion source, int rollbackDepth, CancellationToken cancellation)
    {
        if (!options.Value.Lambda)
        {
            return await ecs.ReadAsync(source, rollbackDepth, cancellation) with { Notes = [UsageOptions.LambdaOffNote] };
        }

        var tasks = ecs.ReadAsync(source, rollbackDepth, cancellation);
        var functions = lambda.ReadAsync(source, cancellation);
        await Task.WhenAll(tasks, functions); // when both fail, ECS's failure is the one told
        var read = await tasks;
        return read with { Uses = [.. read.Uses, .. await functions] };
    }
}
