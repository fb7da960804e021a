namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 3.6: tag patterns are globs (<c>*</c>, <c>?</c>) matched case-sensitively against whole tags.</summary>
public class TagPatternTests
{
    [Theory]
    [InlineData("release-*", "release-1.4", true)]
    [InlineData("release-*", "release-", true)]
    [InlineData("release-*", "Release-1.4", false)]
    [InlineData("release-*", "pre-release-1", false)]
    [InlineData("release", "release", true)]
    [InlineData("release", "release-1", false)]
    [InlineData("release", "prerelease", false)]
    [InlineData("v?", "v1", true)]
    [InlineData("v?", "v", false)]
    [InlineData("v?", "v10", false)]
    [InlineData("??", "ab", true)]
    [InlineData("*", "anything-at-all", true)]
    [InlineData("*-rc", "1.0-rc", true)]
    [InlineData("*-rc", "1.0-rc2", false)]
    [InlineData("v1.*", "v1.2", true)]
    [InlineData("v1.*", "v1x2", false)]
    [InlineData("a*b*c", "a-b-b-c", true)]
    [InlineData("a*b*c", "a-b-c-d", false)]
    [InlineData("*prod*", "eu-prod-3", true)]
    [InlineData("PROD", "prod", false)]
    public void MatchesWholeTagsCaseSensitively(string glob, string tag, bool matches)
    {
        Assert.Equal(matches, new TagPattern(glob).Matches(tag));
    }

    [Fact]
    public void RejectsAnEmptyGlob()
    {
        Assert.Throws<ArgumentException>(() => new TagPattern(""));
    }
}
