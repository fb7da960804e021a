using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecr;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence.Model;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Execution;

/// <summary>How ECR's answer to BatchDeleteImage becomes each image's outcome, and which errors an execution resumes from.</summary>
public sealed class BatchDeletionTests
{
    private static readonly ProposalCandidateRow Web = new() { Digest = Digest("web"), Tags = ["v1", "stable"] };
    private static readonly ProposalCandidateRow Api = new() { Digest = Digest("api"), Tags = ["v2"] };

    [Fact]
    public void AFailureThatNamesOnlyATagIsMatchedToItsImageAndNeverRecordedAsDeleted()
    {
        var answer = new BatchDeleteImageResponse([new ImageId(Api.Digest)], [new ImageFailure(new ImageId(null, "stable"), "ImageReferencedByManifestList", "an index lists it")]);

        var outcomes = BatchDeletion.Read([Web, Api], answer);

        Assert.Equal((Outcomes.Failed, "ImageReferencedByManifestList: an index lists it"), (outcomes[0].Outcome, outcomes[0].Error));
        Assert.Equal(Outcomes.Deleted, outcomes[1].Outcome);
    }

    [Fact]
    public void AnImageEcrNeitherConfirmsNorRefusesIsFailedNotDeleted()
    {
        var outcomes = BatchDeletion.Read([Web, Api], new BatchDeleteImageResponse([new ImageId(Web.Digest)], []));

        Assert.Equal([Outcomes.Deleted, Outcomes.Failed], outcomes.Select(outcome => outcome.Outcome));
    }

    [Fact]
    public void AMissingImageIsAlreadyGone()
    {
        var outcomes = BatchDeletion.Read([Web], new BatchDeleteImageResponse([], [new ImageFailure(new ImageId(Web.Digest), "ImageNotFound", "gone")]));

        Assert.Equal(Outcomes.AlreadyGone, Assert.Single(outcomes).Outcome);
    }

    [Theory]
    [InlineData("ThrottlingException", 400, true)]
    [InlineData("ServerException", 500, true)]
    [InlineData("ServiceUnavailableException", 503, true)]
    [InlineData("AccessDeniedException", 400, false)]
    [InlineData("InvalidParameterException", 400, false)]
    public void ThrottlingAndServerErrorsAreTransientAndOthersAreNot(string code, int status, bool transient)
    {
        var error = new AwsException("AWS said no", code, "ecr:BatchDeleteImage", new AccountRegion(Account, Region), status);

        Assert.Equal(transient, ExecutionFailure.IsTransient(error));
    }

    [Fact]
    public void ShutdownAndALostDatabaseConnectionAreTransient()
    {
        Assert.True(ExecutionFailure.IsTransient(new OperationCanceledException()));
        Assert.True(ExecutionFailure.IsTransient(new Npgsql.NpgsqlException("connection lost", new System.IO.EndOfStreamException())));
        Assert.False(ExecutionFailure.IsTransient(new InvalidOperationException("a bug")));
    }
}
