namespace EcrCurator.Domain.Tests.Policies;

/// <summary>SPEC 2: a repository's team is its resource tag, else the longest matching prefix, else <c>unassigned</c>.</summary>
public class TeamRulesTests
{
    private static readonly TeamRules Rules = new("team", [new("care/", "care"), new("care/billing/", "billing"), new("ops", "ops")]);

    [Fact]
    public void TakesTheTeamFromTheResourceTagBeforeAnyPrefix()
    {
        Assert.Equal("payments", Rules.TeamOf("care/billing/api", new Dictionary<string, string> { ["team"] = "payments" }));
    }

    [Fact]
    public void TakesTheLongestMatchingPrefix()
    {
        Assert.Equal("billing", Rules.TeamOf("care/billing/api", new Dictionary<string, string>()));
        Assert.Equal("care", Rules.TeamOf("care/api", new Dictionary<string, string>()));
    }

    [Fact]
    public void TakesTheLongestPrefixWhateverItsPlaceInTheList()
    {
        var reversed = new TeamRules("team", [new("care/billing/", "billing"), new("care/", "care")]);

        Assert.Equal("billing", reversed.TeamOf("care/billing/api", new Dictionary<string, string>()));
    }

    [Fact]
    public void FallsBackToUnassigned()
    {
        Assert.Equal("unassigned", Rules.TeamOf("web/app", new Dictionary<string, string> { ["owner"] = "web" }));
        Assert.Equal("unassigned", Rules.TeamOf("Care/api", new Dictionary<string, string>()));
    }

    [Fact]
    public void ReadsTheConfiguredTagKey()
    {
        var rules = Rules with { TagKey = "owner" };

        Assert.Equal("web", rules.TeamOf("care/api", new Dictionary<string, string> { ["owner"] = "web", ["team"] = "ops" }));
    }

    [Fact]
    public void IgnoresABlankTag()
    {
        Assert.Equal("care", Rules.TeamOf("care/api", new Dictionary<string, string> { ["team"] = " " }));
    }
}
