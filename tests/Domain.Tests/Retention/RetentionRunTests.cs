using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>The engine prepared once and then given one repository at a time refuses what it was not prepared for.</summary>
public class RetentionRunTests
{
    private static readonly RepositoryKey Api = new(Ecr.Account, "ap-northeast-1", "care/api");

    [Fact]
    public void RefusesARepositoryItWasNotPreparedFor()
    {
        var run = Prepare(new RepositoryHeading(Api, "care"));
        var other = new RepositoryRecord(Api with { Name = "care/web" }, "care", []);

        var refused = Assert.Throws<ArgumentException>(() => run.Evaluate(other));

        Assert.Contains("care/web was not named", refused.Message);
    }

    [Fact]
    public void RefusesARepositoryWhoseTeamDiffersFromTheOnePreparedFor()
    {
        var run = Prepare(new RepositoryHeading(Api, "care"));

        var refused = Assert.Throws<ArgumentException>(() => run.Evaluate(new RepositoryRecord(Api, "billing", [])));

        Assert.Contains("team billing", refused.Message);
    }

    [Fact]
    public void RefusesToPrepareForTheSameRepositoryTwice()
    {
        var refused = Assert.Throws<ArgumentException>(() => Prepare(new RepositoryHeading(Api, "care"), new RepositoryHeading(Api, "care")));

        Assert.Contains("twice", refused.Message);
    }

    [Fact]
    public void DecidesNothingForDeletionWhenPreparedWithAnIncompleteReason()
    {
        var image = new ImageRecord { Digest = Digests.Of("old"), PushedAt = DaysAgo(400) };
        var newest = new ImageRecord { Digest = Digests.Of("new"), PushedAt = DaysAgo(0), Tags = ["v2"] };
        var run = RetentionEngine.Prepare([new RepositoryHeading(Api, "care")], [], [], ["222222222222/us-east-1: ThrottlingException"], PolicySet.BasePolicy, [], Now);

        var plan = run.Evaluate(new RepositoryRecord(Api, "care", [image, newest]));

        Assert.Empty(plan.Candidates);
        Assert.All(plan.Images, decision => Assert.Equal(Decision.Keep, decision.Decision));
    }

    private static RetentionRun Prepare(params RepositoryHeading[] repositories) =>
        RetentionEngine.Prepare(repositories, [], [], [], PolicySet.BasePolicy, [], Now);
}
