using EcrCurator.Infrastructure.Aws;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>
/// Everything a usage source runs: ECS, and Lambda unless <c>Curator:Usage:Lambda</c> is false, read at once. Either
/// failing fails the whole read, so that the source is incomplete and nothing is deleted (fail closed).
/// </summary>
public sealed class UsageReader(EcsUsageReader ecs, LambdaUsageReader lambda, IOptions<UsageOptions> options) : IUsageReader
{
    public async Task<UsageRead> ReadAsync(AccountRegion source, int rollbackDepth, bool aliases, CancellationToken cancellation)
    {
        if (!options.Value.Lambda)
        {
            return await ecs.ReadAsync(source, rollbackDepth, aliases, cancellation) with { Notes = [UsageOptions.LambdaOffNote] };
        }

        var functions = lambda.ReadAsync(source, aliases, cancellation);
        UsageRead read;
        try
        {
            read = await ecs.ReadAsync(source, rollbackDepth, aliases, cancellation);
        }
        finally
        {
            // Both are read at once; when both fail, ECS's failure is the one told, and Lambda's read is over first.
            await functions.ContinueWith(static done => done.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return read with { Uses = [.. read.Uses, .. await functions] };
    }
}
