using EcrCurator.Domain;
using EcrCurator.Infrastructure.Quarantine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>
/// Follows images being restored from the quarantine until ECR reports each ACTIVE (or the configured time runs out:
/// the next snapshot shows the truth anyway). Safe to run again: an image found active is marked once.
/// </summary>
public sealed class RestoreJob(RestoreProgress progress, IOptions<QuarantineOptions> options, TimeProvider time, ILogger<RestoreJob> logger)
{
    public async Task RunAsync(string accountId, string region, string repository, string[] digests, CancellationToken cancellation)
    {
        var key = new RepositoryKey(accountId, region, repository);
        var deadline = time.GetUtcNow() + options.Value.RestoreTimeout;
        IReadOnlyList<string> waiting = digests;
        while ((waiting = await progress.CheckAsync(key, waiting, cancellation)).Count > 0)
        {
            if (time.GetUtcNow() >= deadline)
            {
                logger.LogWarning("{Count} images of {Repository} were still being restored after {Minutes} minutes; the next snapshot shows them as ECR does",
                    waiting.Count, key, options.Value.RestoreTimeoutMinutes);
                return;
            }

            await Task.Delay(options.Value.RestorePollInterval, time, cancellation);
        }
    }
}
