using static EcrCurator.Domain.Tests.Lifecycle.LifecycleExamples;

namespace EcrCurator.Domain.Tests.Lifecycle;

/// <summary>Reading a policy's JSON: what "Lifecycle policy properties" describes is understood, anything else is not (and says what).</summary>
public class LifecyclePolicyTests
{
    private const string CountOne = """{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}""";

    [Fact]
    public void ReadsEveryPropertyOfARule()
    {
        var policy = LifecyclePolicy.Parse(Policy(
            Rule(7, """{"tagStatus": "tagged", "tagPrefixList": ["release", "v"], "countType": "imageCountMoreThan", "countNumber": 5}"""),
            Rule(2, """{"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 365}"""),
            Rule(3, """{"tagStatus": "untagged", "storageClass": "standard", "countType": "sinceImagePulled", "countUnit": "days", "countNumber": 30}""",
                """{"type": "transition", "targetStorageClass": "archive"}""")));

        Assert.Equal([2, 3, 7], policy.Rules.Select(rule => rule.Priority));
        var release = policy.Rules[2];
        Assert.Equal((LifecycleTagStatus.Tagged, LifecycleCountType.ImageCountMoreThan, 5, LifecycleAction.Expire, LifecycleStorageClass.Standard),
            (release.TagStatus, release.CountType, release.CountNumber, release.Action, release.StorageClass));
        Assert.Equal(["release", "v"], release.TagPrefixes);
        Assert.Equal("Rule 7", release.Description);
        Assert.Equal((LifecycleStorageClass.Archive, LifecycleCountType.SinceImageTransitioned), (policy.Rules[0].StorageClass, policy.Rules[0].CountType));
        Assert.Equal((LifecycleCountType.SinceImagePulled, LifecycleAction.Transition), (policy.Rules[1].CountType, policy.Rules[1].Action));
    }

    [Theory]
    [InlineData("not json", "the text is not JSON")]
    [InlineData("""{"rules": []}""", "the policy has no list of rules")]
    [InlineData("""{"rules": [], "version": 2}""", "the policy's property 'version' is not one the documentation describes")]
    [InlineData("""{"rules": [{"rulePriority": 0, "selection": {}, "action": {}}]}""", "rules[0] has no rulePriority that is a whole number of at least 1")]
    [InlineData("""{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}, "action": {"type": "expire"}, "enabled": true}]}""",
        "rules[0] has 'enabled', which the documentation does not describe")]
    public void DoesNotUnderstandWhatTheDocumentationDoesNotDescribe(string text, string what)
    {
        Assert.False(LifecyclePolicy.TryParse(text, out var policy, out var notUnderstood));

        Assert.Null(policy);
        Assert.StartsWith(what, notUnderstood);
    }

    [Theory]
    [InlineData("""{"tagStatus": "TAGGED", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 1}""", "tagStatus 'TAGGED' is not one of tagged, untagged, any")]
    [InlineData("""{"tagStatus": "tagged", "countType": "imageCountMoreThan", "countNumber": 1}""", "selects tagged images without a tagPrefixList or tagPatternList")]
    [InlineData("""{"tagStatus": "tagged", "tagPrefixList": ["v"], "tagPatternList": ["v*"], "countType": "imageCountMoreThan", "countNumber": 1}""", "gives both tagPrefixList and tagPatternList")]
    [InlineData("""{"tagStatus": "untagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 1}""", "gives a tag list although tagStatus is not tagged")]
    [InlineData("""{"tagStatus": "tagged", "tagPatternList": ["test*1*2*3*4*5*6"], "countType": "imageCountMoreThan", "countNumber": 1}""", "tag pattern 'test*1*2*3*4*5*6' has more than 4 wildcards")]
    [InlineData("""{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 0}""", "countNumber is not a whole number of at least 1")]
    [InlineData("""{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1.5}""", "countNumber is not a whole number of at least 1")]
    [InlineData("""{"tagStatus": "any", "countType": "imageCountMoreThan", "countUnit": "days", "countNumber": 1}""", "gives a countUnit with imageCountMoreThan")]
    [InlineData("""{"tagStatus": "any", "countType": "sinceImagePushed", "countNumber": 1}""", "gives no countUnit with sinceImagePushed")]
    [InlineData("""{"tagStatus": "any", "countType": "sinceImagePushed", "countUnit": "weeks", "countNumber": 1}""", "countUnit 'weeks' is not days")]
    [InlineData("""{"tagStatus": "any", "countType": "sinceImageLastUsed", "countUnit": "days", "countNumber": 1}""", "countType 'sinceImageLastUsed' is not one of")]
    [InlineData("""{"tagStatus": "any", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 365}""", "uses sinceImageTransitioned without storageClass archive")]
    [InlineData("""{"tagStatus": "any", "storageClass": "archive", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 365}""", "selects the archive storage class without sinceImageTransitioned")]
    [InlineData("""{"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 30}""", "expires images archived for fewer than 90 days")]
    [InlineData("""{"tagStatus": "any", "countType": "sinceImagePulled", "countUnit": "days", "countNumber": 90}""", "uses sinceImagePulled with an action other than transition")]
    [InlineData("""{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1, "maxAge": 3}""", "the rule of priority 1's selection has 'maxAge'")]
    public void DoesNotUnderstandARuleTheDocumentationSaysECRRefuses(string selection, string what)
    {
        Assert.False(LifecyclePolicy.TryParse(Policy(Rule(1, selection)), out _, out var notUnderstood));

        Assert.Contains(what, notUnderstood);
    }

    [Theory]
    [InlineData("""{"type": "transition"}""", "transitions to a targetStorageClass other than archive")]
    [InlineData("""{"type": "transition", "targetStorageClass": "glacier"}""", "transitions to a targetStorageClass other than archive")]
    [InlineData("""{"type": "expire", "targetStorageClass": "archive"}""", "gives a targetStorageClass to an expire action")]
    [InlineData("""{"type": "delete"}""", "action type 'delete' is not one of expire, transition")]
    public void DoesNotUnderstandAnUndocumentedAction(string action, string what)
    {
        Assert.False(LifecyclePolicy.TryParse(Policy(Rule(1, """{"tagStatus": "any", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 9}""", action)), out _, out var notUnderstood));

        Assert.Contains(what, notUnderstood);
    }

    [Fact]
    public void DoesNotUnderstandTwoRulesOfOnePriority()
    {
        Assert.False(LifecyclePolicy.TryParse(Policy(Rule(1, CountOne), Rule(1, KeepOneTagged("v"))), out _, out var notUnderstood));

        Assert.Equal("two rules have rulePriority 1", notUnderstood);
    }

    [Fact]
    public void DoesNotUnderstandAnAnyRuleBeforeAnotherRuleOfItsStorageClass()
    {
        Assert.False(LifecyclePolicy.TryParse(Policy(Rule(1, CountOne), Rule(2, KeepOneTagged("v"))), out _, out var notUnderstood));

        Assert.Equal("the rule of priority 1 selects any standard image but is not the last standard rule", notUnderstood);
    }

    [Fact]
    public void UnderstandsAnAnyRuleOfEachStorageClass()
    {
        var policy = Policy(
            Rule(1, """{"tagStatus": "any", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30}""", """{"type": "transition", "targetStorageClass": "archive"}"""),
            Rule(2, """{"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 365}"""));

        Assert.True(LifecyclePolicy.TryParse(policy, out _, out _));
    }

    [Fact]
    public void DoesNotUnderstandTwoRulesSelectingUntaggedImagesOfOneStorageClass()
    {
        var untagged = """{"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 1}""";

        Assert.False(LifecyclePolicy.TryParse(Policy(Rule(1, untagged), Rule(2, untagged)), out _, out var notUnderstood));

        Assert.Equal("the policy has more than one rule selecting untagged standard images", notUnderstood);
    }

    [Fact]
    public void DoesNotUnderstandTwoRulesSelectingTheSameTags()
    {
        Assert.False(LifecyclePolicy.TryParse(Policy(Rule(1, KeepOneTagged("v")), Rule(2, KeepOneTagged("v"))), out _, out var notUnderstood));

        Assert.Equal("the rules of priority 1 and 2 select the same standard tags", notUnderstood);
    }

    [Fact]
    public void AcceptsAtMostFourWildcardsInAPatternAsTheDocumentationShows()
    {
        var valid = Policy(Rule(1, """{"tagStatus": "tagged", "tagPatternList": ["*test*1*2*3", "test*1*2*3*"], "countType": "imageCountMoreThan", "countNumber": 1}"""));

        Assert.True(LifecyclePolicy.TryParse(valid, out _, out _));
    }

    [Theory]
    [InlineData("prod*", "prod", true)]
    [InlineData("prod*", "prod1", true)]
    [InlineData("prod*", "production-team1", true)]
    [InlineData("prod*", "my-prod", false)]
    [InlineData("*prod*", "repo-production", true)]
    [InlineData("*prod*", "prod-team", true)]
    [InlineData("*prod*", "staging", false)]
    [InlineData("v?", "v?", true)]
    [InlineData("v?", "v1", false)]
    [InlineData("release-*-final", "release-1.2-final", true)]
    [InlineData("Prod*", "prod1", false)]
    public void MatchesTagPatternsAsTheDocumentationDescribes(string pattern, string tag, bool matches)
    {
        Assert.Equal(matches, LifecycleTagPattern.Matches(pattern, tag));
    }

    private static string KeepOneTagged(string prefix) =>
        $$"""{"tagStatus": "tagged", "tagPrefixList": ["{{prefix}}"], "countType": "imageCountMoreThan", "countNumber": 1}""";
}
