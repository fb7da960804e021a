using System.Collections.Concurrent;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecr;
using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// Quarantines a batch: one <c>UpdateImageStorageClass</c> to ARCHIVE per image (ECR takes one image a call), a
/// bounded number under way at once. Archived only where ECR answers ARCHIVED; an image ECR no longer finds is
/// already gone; another refusal is failed. A transient error (throttling or 5xx past the retries, the network,
/// shutdown) interrupts the execution after the outcomes ECR did answer are recorded, so that resuming never
/// loses an image the product archived.
/// </summary>
public sealed class BatchArchive(AwsJsonClient client, string repository, int concurrency)
{
    private readonly EcrClient ecr = new(client);

    public async Task<BatchOutcomes> ArchiveAsync(IReadOnlyList<ProposalCandidateRow> candidates, bool dryRun, CancellationToken cancellation)
    {
        if (dryRun)
        {
            return new([.. candidates.Select(candidate => (candidate, Outcomes.DryRun, (string?)null))]);
        }

        var answered = new ConcurrentDictionary<string, (string Outcome, string? Error)>(StringComparer.Ordinal);
        Exception? interruption = null;
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellation };
            await Parallel.ForEachAsync(candidates, parallel, async (candidate, token) =>
            {
                try
                {
                    answered[candidate.Digest] = Of(await ecr.UpdateImageStorageClassAsync(repository, candidate.Digest, EcrStorage.Archive, token));
                }
                catch (AwsException error) when (error.Code == "ImageNotFoundException")
                {
                    answered[candidate.Digest] = (Outcomes.AlreadyGone, $"{error.Code}: {error.Message}");
                }
                catch (AwsException error) when (!ExecutionFailure.IsTransient(error))
                {
                    answered[candidate.Digest] = (Outcomes.Failed, error.Message);
                }
                catch (Exception error) when (ExecutionFailure.IsTransient(error))
                {
                    Interlocked.CompareExchange(ref interruption, error, null);
                }
            });
        }
        catch (OperationCanceledException stopped)
        {
            Interlocked.CompareExchange(ref interruption, stopped, null);
        }

        return new(
            [.. candidates.Where(candidate => answered.ContainsKey(candidate.Digest)).Select(candidate => (candidate, answered[candidate.Digest].Outcome, answered[candidate.Digest].Error))],
            interruption);
    }

    private static (string Outcome, string? Error) Of(UpdateImageStorageClassResponse answer) =>
        answer.ImageStatus == EcrStorage.Archived
            ? (Outcomes.Archived, null)
            : (Outcomes.Failed, $"ECR answered the archive request with the status {answer.ImageStatus ?? "(none)"}, not ARCHIVED.");
}

/// <summary>What a batch's calls answered, image by image, and the transient error that interrupted them, if any.</summary>
public sealed record BatchOutcomes(IReadOnlyList<(ProposalCandidateRow Candidate, string Outcome, string? Error)> Outcomes, Exception? Interruption = null)
{
    /// <summary>Throws the interruption (after the outcomes were recorded), so that the execution resumes later.</summary>
    public void ThrowIfInterrupted()
    {
        if (Interruption is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(Interruption);
        }
    }
}
