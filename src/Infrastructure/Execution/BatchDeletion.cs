using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecr;
using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// One <c>BatchDeleteImage</c> call and its answer, image by image: deleted only where ECR lists the image among those
/// it deleted; a failure is matched to its image by digest or by one of its tags; an image ECR neither confirms nor
/// names is failed, never counted deleted.
/// </summary>
public sealed class BatchDeletion(AwsJsonClient client, string repository)
{
    private readonly EcrClient ecr = new(client);

    public async Task<IReadOnlyList<(ProposalCandidateRow Candidate, string Outcome, string? Error)>> DeleteAsync(
        IReadOnlyList<ProposalCandidateRow> candidates, bool dryRun, CancellationToken cancellation)
    {
        if (dryRun)
        {
            return [.. candidates.Select(candidate => (candidate, Outcomes.DryRun, (string?)null))];
        }

        BatchDeleteImageResponse answer;
        try
        {
            answer = await ecr.BatchDeleteImageAsync(repository, [.. candidates.Select(candidate => candidate.Digest)], cancellation);
        }
        catch (AwsException error) when (!ExecutionFailure.IsTransient(error))
        {
            return [.. candidates.Select(candidate => (candidate, Outcomes.Failed, (string?)error.Message))];
        }

        return Read(candidates, answer);
    }

    /// <summary>Each candidate's outcome from ECR's answer.</summary>
    public static IReadOnlyList<(ProposalCandidateRow Candidate, string Outcome, string? Error)> Read(IReadOnlyList<ProposalCandidateRow> candidates, BatchDeleteImageResponse answer)
    {
        var deleted = (answer.ImageIds ?? []).Select(id => id.ImageDigest).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var failures = answer.Failures ?? [];
        return [.. candidates.Select(candidate => Of(candidate, deleted, failures))];
    }

    private static (ProposalCandidateRow Candidate, string Outcome, string? Error) Of(ProposalCandidateRow candidate, HashSet<string> deleted, List<ImageFailure> failures)
    {
        var failure = failures.FirstOrDefault(failure => failure.ImageId?.ImageDigest == candidate.Digest)
                      ?? failures.FirstOrDefault(failure => failure.ImageId is { ImageDigest: null, ImageTag: { } tag } && candidate.Tags.Contains(tag));
        return failure switch
        {
            { FailureCode: "ImageNotFound" } => (candidate, Outcomes.AlreadyGone, $"{failure.FailureCode}: {failure.FailureReason}"),
            not null => (candidate, Outcomes.Failed, $"{failure.FailureCode}: {failure.FailureReason}"),
            null when deleted.Contains(candidate.Digest) => (candidate, Outcomes.Deleted, null),
            null => (candidate, Outcomes.Failed, "ECR neither confirmed nor refused the deletion of this image; it is left to the next snapshot."),
        };
    }
}
