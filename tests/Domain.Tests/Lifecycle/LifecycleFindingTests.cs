using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;
using static EcrCurator.Domain.Tests.Lifecycle.LifecycleExamples;

namespace EcrCurator.Domain.Tests.Lifecycle;

/// <summary>
/// SPEC 12: what a repository's lifecycle policy would expire or archive, set against what the product keeps for safety
/// (a <c>lifecycle-danger</c>) and against what it proposes itself (information).
/// </summary>
public class LifecycleFindingTests
{
    private static readonly string KeepLastThree = Policy(Rule(1, """{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 3}"""));

    private static readonly string ExpireUntaggedAfterADay = Policy(Rule(1, """{"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 1}"""));

    [Fact]
    public void FindsTheDangerOfExpiringTheDigestAServiceScaledToZeroIsPinnedTo()
    {
        var plan = Releases(KeepLastThree).Service("care/api:v5", deployed: "v1").Evaluate();

        var finding = Assert.Single(plan.Repository("care/api").Lifecycle.Findings, finding => finding.IsDanger);
        Assert.Equal((1, Digests.Of("v1"), LifecycleAction.Expire), (finding.Rule, finding.Digest, finding.Action));
        Assert.Equal(["in-use"], finding.DangerCodes);
        Assert.Equal("api", Assert.IsType<EcsSite>(Assert.Single(finding.UsedBy)).Service);
    }

    [Fact]
    public void FindsPinnedAndRollbackTargetsAsDanger()
    {
        var plan = Releases(KeepLastThree)
            .Pin("care/api", "v1")
            .Task("care/api:v5", family: "api", revision: 5)
            .TaskDefinition("api", 5, ["care/api:v5"])
            .TaskDefinition("api", 4, ["care/api:v2"])
            .Evaluate(new PolicyOverride { KeepRollbackRevisions = 2 });

        var lifecycle = plan.Repository("care/api").Lifecycle;
        Assert.Equal(["v1: pinned", "v2: rollback-target"], Described(lifecycle.Findings));
        Assert.Equal(2, lifecycle.Dangers);
    }

    [Fact]
    public void ReportsWhatTheProductAlsoProposesAsInformation()
    {
        var plan = Releases(KeepLastThree, daysApart: 20).Evaluate();

        var lifecycle = plan.Repository("care/api").Lifecycle;
        Assert.Equal(["v1: ", "v2: "], Described(lifecycle.Findings));
        Assert.All(lifecycle.Findings, finding => Assert.True(plan.Of("care/api", Digests.NameOf(finding.Digest)).IsCandidate));
        Assert.Equal(0, lifecycle.Dangers);
    }

    [Fact]
    public void ReportsNothingTheProductKeepsOnlyForItsOwnPolicy()
    {
        // v1 and v2 are inside the product's window: kept, but not for safety, and not proposed either.
        var plan = Releases(KeepLastThree).Evaluate();

        Assert.Empty(plan.Repository("care/api").Lifecycle.Findings);
        Assert.NotNull(plan.Repository("care/api").Lifecycle.Policy);
    }

    [Fact]
    public void SeesIndexChildrenAsUntaggedImagesAndReportsTheChildrenOfAKeptIndex()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v1", DaysAgo(5), i => i.Index("amd64", "arm64"))
                .Untagged("amd64", DaysAgo(5))
                .Untagged("arm64", DaysAgo(5)), lifecyclePolicy: ExpireUntaggedAfterADay)
            .Evaluate();

        Assert.Equal(["amd64: index-child", "arm64: index-child"], Described(plan.Repository("care/api").Lifecycle.Findings));
    }

    [Fact]
    public void CountsIndexChildrenTowardAnImageCount()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(1), i => i.Index("v2-amd64", "v2-arm64"))
                .Untagged("v2-amd64", DaysAgo(1))
                .Untagged("v2-arm64", DaysAgo(1))
                .Image("v1", DaysAgo(2)), lifecyclePolicy: KeepLastThree)
            .Task("care/api:v1")
            .Evaluate();

        // Four images: the three pushed a day ago are the newest; v1, the fourth, goes although a task runs it.
        Assert.Equal(["v1: in-use"], Described(plan.Repository("care/api").Lifecycle.Findings));
    }

    [Fact]
    public void ReportsAReferrerOfAnImageThePolicyRemovesUnderTheSameRule()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(1))
                .Image("v1", DaysAgo(3))
                .Untagged("v1-signature", DaysAgo(0), i => i.Subject("v1")), lifecyclePolicy: Policy(Rule(1,
                    """{"tagStatus": "tagged", "tagPatternList": ["v*"], "countType": "imageCountMoreThan", "countNumber": 1}""")))
            .Task("care/api:v1")
            .Evaluate();

        var findings = plan.Repository("care/api").Lifecycle.Findings;
        Assert.Equal(["v1: in-use", "v1-signature: attached-artifact"], Described(findings));
        Assert.All(findings, finding => Assert.Equal((1, LifecycleAction.Expire), (finding.Rule, finding.Action)));
    }

    [Fact]
    public void ReportsEveryImageTiedOnPushTimeAtACountBoundary()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("a", DaysAgo(1))
                .Image("b", DaysAgo(1))
                .Image("c", DaysAgo(2)), lifecyclePolicy: Policy(Rule(1, """{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}""")))
            .Task("care/api:a")
            .Task("care/api:b")
            .Evaluate();

        // ECR keeps one of a and b, which one it does not say: both are reported.
        Assert.Equal(["a: in-use", "b: in-use"], Described(plan.Repository("care/api").Lifecycle.Findings));
    }

    [Fact]
    public void OrdersARestoredImageByItsRestoreInACount()
    {
        var acted = Acted(Policy(Rule(1, """{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}""")), r => r
            .Image("restored", DaysAgo(100), i => i.RestoredAt(DaysAgo(1)))
            .Image("pushed", DaysAgo(2)));

        Assert.Equal(["pushed"], acted);
    }

    [Fact]
    public void ReportsANotUnderstoodPolicyAndNoFindings()
    {
        var plan = Releases("""{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "sinceImageLastUsed", "countUnit": "days", "countNumber": 1}, "action": {"type": "expire"}}]}""")
            .Task("care/api:v1")
            .Evaluate();

        var lifecycle = plan.Repository("care/api").Lifecycle;
        Assert.Contains("countType 'sinceImageLastUsed'", lifecycle.NotUnderstood);
        Assert.Empty(lifecycle.Findings);
        Assert.NotNull(lifecycle.PolicyText);
    }

    [Fact]
    public void ReportsAnUnreadablePolicy()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v1", DaysAgo(1)), lifecyclePolicyUnreadable: "Access denied")
            .Evaluate();

        Assert.Equal("Access denied", plan.Repository("care/api").Lifecycle.Unreadable);
    }

    [Fact]
    public void ReviewsNothingWithoutAPolicy()
    {
        var plan = new InventoryBuilder().Repository("care/api", r => r.Image("v1", DaysAgo(1))).Evaluate();

        Assert.Same(LifecycleReview.None, plan.Repository("care/api").Lifecycle);
    }

    [Fact]
    public void FindsTheSameDangersWhenUsageIsIncomplete()
    {
        var plan = Releases(KeepLastThree).Service("care/api:v5", deployed: "v1").Incomplete("ECS in 222222222222 could not be read").Evaluate();

        Assert.Equal(["v1: in-use"], Described(plan.Repository("care/api").Lifecycle.Findings));
    }

    /// <summary>care/api with v1 (oldest) to v5 (pushed now), <paramref name="daysApart"/> apart, under <paramref name="policy"/>.</summary>
    private static InventoryBuilder Releases(string policy, int daysApart = 1) => new InventoryBuilder()
        .Repository("care/api", r =>
        {
            for (var v = 1; v <= 5; v++)
            {
                r.Image($"v{v}", DaysAgo((5 - v) * daysApart));
            }
        }, lifecyclePolicy: policy);

    /// <summary>Each finding as "image: danger codes", ordered by the image's name.</summary>
    private static IReadOnlyList<string> Described(IEnumerable<LifecycleFinding> findings) =>
        [.. findings.Select(finding => (Name: Digests.NameOf(finding.Digest), Codes: string.Join(", ", finding.DangerCodes)))
            .OrderBy(finding => finding.Name, StringComparer.Ordinal).Select(finding => $"{finding.Name}: {finding.Codes}")];
}
