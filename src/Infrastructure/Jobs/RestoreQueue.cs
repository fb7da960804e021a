using EcrCurator.Domain;
using Hangfire;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>The one place that queues the following of restores (a <see cref="RestoreJob"/>) on the job server.</summary>
public sealed class RestoreQueue(IBackgroundJobClient jobs)
{
    public void FollowRestores(RepositoryKey repository, IReadOnlyCollection<string> digests) =>
        jobs.Enqueue<RestoreJob>(job => job.RunAsync(repository.AccountId, repository.Region, repository.Name, digests.ToArray(), CancellationToken.None));
}
