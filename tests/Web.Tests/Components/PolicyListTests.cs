using Bunit;
using EcrCurator.Domain;
using EcrCurator.Web.Features.Settings;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Components;

public class PolicyListTests : ComponentTest
{
    private static readonly StoredPolicy Care = new(
        4, PolicyScope.Team, "care", null, null, null, new() { WindowDays = 60, Excluded = true, Mode = RetentionMode.AutoRun }, "ada", new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), 12);

    [Fact]
    public void AStoredPolicyShowsTheFieldsItSetsAndWhoChangedIt()
    {
        var list = Render<PolicyList>(parameters => parameters.Add(list => list.Scope, PolicyScope.Team).Add(list => list.Stored, [Care]));

        var row = list.Find("[data-testid=policy-row]");
        Assert.Equal("care", row.GetAttribute("data-target"));
        Assert.Equal(
            ["window 60 days", "excluded", "AutoRun"],
            row.QuerySelectorAll("[data-testid^=chip-]").Select(chip => chip.TextContent.Trim()));
        Assert.Contains("ada, 2026-03-01 09:00", row.TextContent);
    }

    [Fact]
    public void EditAndRemoveNameThePolicy()
    {
        var (edited, removed) = (new List<StoredPolicy>(), new List<StoredPolicy>());
        var list = Render<PolicyList>(parameters => parameters
            .Add(list => list.Scope, PolicyScope.Team)
            .Add(list => list.Stored, [Care])
            .Add(list => list.OnEdit, policy => edited.Add(policy))
            .Add(list => list.OnRemove, policy => removed.Add(policy)));

        list.Find("[data-testid=policy-edit]").Click();
        list.Find("[data-testid=policy-remove]").Click();

        Assert.Equal([Care], edited);
        Assert.Equal([Care], removed);
    }

    [Fact]
    public void AConfiguredPolicyIsMarkedAsComingFromTheConfigurationAndCannotBeEdited()
    {
        var configured = new ConfiguredPolicy(null, "care/api", "111111111111", null, new() { KeepTagPatterns = ["release-*"] });
        var list = Render<PolicyList>(parameters => parameters.Add(list => list.Scope, PolicyScope.Repository).Add(list => list.Configured, [configured]));

        var row = list.Find("[data-testid=configured-row]");
        Assert.Contains("care/api (111111111111 · any region)", row.TextContent);
        Assert.Contains("configuration", row.TextContent);
        Assert.Equal("keep tags release-*", row.QuerySelector("[data-testid=chip-KeepTagPatterns]")!.TextContent.Trim());
        Assert.Empty(list.FindAll("[data-testid=policy-edit]"));
    }

    [Fact]
    public void APolicyThatSetsNothingSaysItInheritsEverything()
    {
        var list = Render<PolicyList>(parameters => parameters.Add(list => list.Scope, PolicyScope.Team).Add(list => list.Stored, [Care with { Fields = new() }]));

        Assert.Equal("inherits every field", list.Find("[data-testid=inherits-everything]").TextContent);
    }

    [Fact]
    public void WithoutPoliciesItSaysWhatToDo()
    {
        var list = Render<PolicyList>(parameters => parameters.Add(list => list.Scope, PolicyScope.Repository));

        Assert.Contains("No repository policies", list.Find("[data-testid=empty-state]").TextContent);
        Assert.NotNull(list.Find("[data-testid=add-repository-policy]"));
    }
}
