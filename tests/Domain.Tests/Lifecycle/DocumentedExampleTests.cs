using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;
using static EcrCurator.Domain.Tests.Lifecycle.LifecycleExamples;

namespace EcrCurator.Domain.Tests.Lifecycle;

/// <summary>
/// Every example of "Examples of lifecycle policies in Amazon ECR", each policy as the page gives it. Where the page
/// states the outcome, the repository is the page's and so is the expected result; where it states none, the test
/// builds a repository around the rule and the outcome is derived from "How lifecycle policies work" (and written
/// down here). "N days ago" is N × 24 hours before the evaluation; "older than N days" is more than N × 24 hours.
/// </summary>
public class DocumentedExampleTests
{
    private static readonly string FilteringOnImageAge = Policy(Rule(1,
        """{"tagStatus": "tagged", "tagPatternList": ["prod*"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}"""));

    private static readonly string ArchiveNotPulledIn90Days = Policy(Rule(1,
        """{"tagStatus": "any", "countType": "sinceImagePulled", "countUnit": "days", "countNumber": 90}""",
        """{"type": "transition", "targetStorageClass": "archive"}"""));

    private static readonly string ExpireArchivedFor365Days = Policy(Rule(1,
        """{"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 365}"""));

    private static readonly string KeepOneUntagged = Policy(Rule(1,
        """{"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 1}"""));

    [Fact]
    public void FilteringOnImageAgeExpiresOnlyProdTaggedImagesOlderThan14Days()
    {
        // Derived: prod* selects tagged images with a tag beginning "prod"; of those, the ones pushed more than 14 days ago go.
        var acted = Acted(FilteringOnImageAge, r => r
            .Image("prod-old", DaysAgo(20))
            .Image("production-team1", DaysAgo(15))
            .Image("prod-new", DaysAgo(10))
            .Image("dev-old", DaysAgo(30))
            .Untagged("untagged-old", DaysAgo(30)));

        Assert.Equal(["prod-old", "production-team1"], acted);
    }

    [Fact]
    public void FilteringOnLastPulledTimeArchivesWhatWasNotPulledFor90Days()
    {
        // Derived (the page shows this policy under "Filtering on last pulled time" and again under "Archive examples"):
        // pull time, else push time for an image never pulled, else restore time for one not pulled since its restore.
        var acted = Acted(ArchiveNotPulledIn90Days, r => r
            .Image("pulled-long-ago", DaysAgo(300), i => i.Pulled(DaysAgo(100)))
            .Image("pulled-lately", DaysAgo(300), i => i.Pulled(DaysAgo(10)))
            .Untagged("never-pulled-old", DaysAgo(120))
            .Untagged("never-pulled-new", DaysAgo(30))
            .Image("restored-lately", DaysAgo(400), i => i.Pulled(DaysAgo(200)).RestoredAt(DaysAgo(10)))
            .Image("already-archived", DaysAgo(400), i => i.ArchivedAt(DaysAgo(200))));

        Assert.Equal(["never-pulled-old (archive)", "pulled-long-ago (archive)"], acted);
    }

    [Fact]
    public void FilteringOnArchiveTransitionTimeExpiresImagesArchivedMoreThan365DaysAgo()
    {
        // Derived: the rule sees archived images only, by when they were archived.
        var acted = Acted(ExpireArchivedFor365Days, r => r
            .Image("archived-long-ago", DaysAgo(900), i => i.ArchivedAt(DaysAgo(400)))
            .Image("archived-lately", DaysAgo(900), i => i.ArchivedAt(DaysAgo(100)))
            .Image("active-old", DaysAgo(1000)));

        Assert.Equal(["archived-long-ago"], acted);
    }

    [Fact]
    public void FilteringOnImageCountKeepsOnlyTheNewestUntaggedImage()
    {
        // Derived: untagged images only, all but the newest one; tagged images are not counted.
        var acted = Acted(KeepOneUntagged, r => r
            .Untagged("oldest", DaysAgo(3))
            .Untagged("older", DaysAgo(2))
            .Untagged("newest", DaysAgo(1))
            .Image("v1", DaysAgo(5)));

        Assert.Equal(["older", "oldest"], acted);
    }

    [Theory]
    [InlineData("tagPatternList", "prod*", "beta*")]
    [InlineData("tagPrefixList", "prod", "beta")] // the page's earlier version of the same example
    public void FilteringOnMultipleRulesExampleAExpiresImageA(string list, string first, string second)
    {
        var policy = Policy(
            Rule(1, $$"""{"tagStatus": "tagged", "{{list}}": ["{{first}}"], "countType": "imageCountMoreThan", "countNumber": 1}"""),
            Rule(2, $$"""{"tagStatus": "tagged", "{{list}}": ["{{second}}"], "countType": "imageCountMoreThan", "countNumber": 1}"""));

        var acted = Acted(policy, MultipleRulesRepository);

        Assert.Equal(["A"], acted);
    }

    [Theory]
    [InlineData("tagPatternList", "beta*", "prod*")]
    [InlineData("tagPrefixList", "beta", "prod")]
    public void FilteringOnMultipleRulesExampleBExpiresImagesAAndB(string list, string first, string second)
    {
        var policy = Policy(
            Rule(1, $$"""{"tagStatus": "tagged", "{{list}}": ["{{first}}"], "countType": "imageCountMoreThan", "countNumber": 1}"""),
            Rule(2, $$"""{"tagStatus": "tagged", "{{list}}": ["{{second}}"], "countType": "imageCountMoreThan", "countNumber": 1}"""));

        var rules = Rules(policy, MultipleRulesRepository);

        Assert.Equal(new Dictionary<string, int> { ["A"] = 1, ["B"] = 1 }, rules);
    }

    [Theory]
    [InlineData("tagPatternList", "alpha*", "beta*")]
    [InlineData("tagPrefixList", "alpha", "beta")]
    public void FilteringOnMultipleTagsInASingleRuleExampleAExpiresImageC(string list, string first, string second)
    {
        var policy = Policy(Rule(1,
            $$"""{"tagStatus": "tagged", "{{list}}": ["{{first}}", "{{second}}"], "countType": "sinceImagePushed", "countNumber": 5, "countUnit": "days"}"""));

        var acted = Acted(policy, r => r
            .Image("A", ["alpha-1"], DaysAgo(12))
            .Image("B", ["beta-1"], DaysAgo(11))
            .Image("C", ["alpha-2", "beta-2"], DaysAgo(10))
            .Image("D", ["alpha-3"], DaysAgo(4))
            .Image("E", ["beta-3"], DaysAgo(3))
            .Image("F", ["alpha-4", "beta-4"], DaysAgo(2)));

        Assert.Equal(["C"], acted);
    }

    [Theory]
    [InlineData("tagPatternList", "alpha*", "beta*")]
    [InlineData("tagPrefixList", "alpha", "beta")]
    public void FilteringOnMultipleTagsInASingleRuleExampleBExpiresImagesAAndB(string list, string first, string second)
    {
        var policy = Policy(Rule(1, $$"""{"tagStatus": "tagged", "{{list}}": ["{{first}}", "{{second}}"], "countType": "imageCountMoreThan", "countNumber": 1}"""));

        var acted = Acted(policy, r => r
            .Image("A", ["alpha-1", "beta-1", "gamma-1"], DaysAgo(10))
            .Image("B", ["alpha-2", "beta-2"], DaysAgo(9))
            .Image("C", ["alpha-3", "beta-3", "gamma-2"], DaysAgo(8)));

        Assert.Equal(["A", "B"], acted);
    }

    [Fact]
    public void FilteringOnAllImagesExampleAExpiresAllButTheNewest()
    {
        var policy = Policy(Rule(1, """{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}"""));

        var acted = Acted(policy, r => r
            .Image("A", ["alpha-1"], DaysAgo(4))
            .Image("B", ["beta-1"], DaysAgo(3))
            .Image("C", [], DaysAgo(2))
            .Image("D", ["alpha-2"], DaysAgo(1)));

        Assert.Equal(["A", "B", "C"], acted);
    }

    [Fact]
    public void FilteringOnAllImagesExampleBExpiresImagesABAndD()
    {
        var policy = Policy(
            Rule(1, """{"tagStatus": "tagged", "tagPatternList": ["alpha*"], "countType": "imageCountMoreThan", "countNumber": 1}"""),
            Rule(2, """{"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 1}"""),
            Rule(3, """{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}"""));

        // D and E were both pushed a day ago: tied at rule 3's boundary, both are marked; E was selected by rule 2 first.
        var rules = Rules(policy, r => r
            .Image("A", ["alpha-1", "beta-1"], DaysAgo(4))
            .Image("B", [], DaysAgo(3))
            .Image("C", ["alpha-2"], DaysAgo(2))
            .Image("D", ["git hash"], DaysAgo(1))
            .Image("E", [], DaysAgo(1)));

        Assert.Equal(new Dictionary<string, int> { ["A"] = 1, ["B"] = 2, ["D"] = 3 }, rules);
    }

    [Fact]
    public void ArchivingProductionImagesOlderThan30DaysArchivesThem()
    {
        // Derived: like the image-age example, with transition instead of expire.
        var policy = Policy(Rule(1,
            """{"tagStatus": "tagged", "tagPatternList": ["prod*"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30}""",
            """{"type": "transition", "targetStorageClass": "archive"}"""));

        var acted = Acted(policy, r => r
            .Image("prod-1", DaysAgo(40))
            .Image("prod-2", DaysAgo(20))
            .Image("dev-1", DaysAgo(40))
            .Image("prod-0", DaysAgo(90), i => i.ArchivedAt(DaysAgo(60))));

        Assert.Equal(["prod-1 (archive)"], acted);
    }

    [Fact]
    public void CombiningArchiveAndExpireRulesArchivesOldImagesAndExpiresLongArchivedOnes()
    {
        // Derived: rule 1 sees the standard images, rule 2 the archived ones; an image is acted on by one rule.
        var policy = Policy(
            Rule(1, """{"tagStatus": "any", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30}""",
                """{"type": "transition", "targetStorageClass": "archive"}"""),
            Rule(2, """{"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 365}"""));

        var rules = Rules(policy, r => r
            .Image("active-old", DaysAgo(40))
            .Image("active-new", DaysAgo(10))
            .Image("archived-long-ago", DaysAgo(800), i => i.ArchivedAt(DaysAgo(400)))
            .Image("archived-lately", DaysAgo(800), i => i.ArchivedAt(DaysAgo(100))));

        Assert.Equal(new Dictionary<string, int> { ["active-old"] = 1, ["archived-long-ago"] = 2 }, rules);
    }

    private static void MultipleRulesRepository(RepositoryBuilder repository) => repository
        .Image("A", ["beta-1", "prod-1"], DaysAgo(10))
        .Image("B", ["beta-2", "prod-2"], DaysAgo(9))
        .Image("C", ["beta-3"], DaysAgo(8));
}
