using AngleSharp.Dom;
using Bunit;
using EcrCurator.Web.Features.Repositories;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Features.Repositories;

public class RepositoryFilterBarTests : ComponentTest
{
    [Fact]
    public void TickingHasCandidatesKeepsTheOtherFilters()
    {
        var changes = new List<RepositoryFilter>();
        var bar = RenderWithPopovers<RepositoryFilterBar>(parameters => parameters
            .Add(component => component.Filter, new RepositoryFilter(Team: "care", Search: "api"))
            .Add(component => component.Teams, ["care", "shop"])
            .Add(component => component.FilterChanged, changes.Add));

        Checkbox(bar.Find("[data-testid=filter-candidates]")).Change(true);

        Assert.Equal([new RepositoryFilter(Team: "care", Search: "api", HasCandidates: true)], changes);
    }

    [Fact]
    public void ClearingHandsBackNoFilterAndIsOfferedOnlyWhenSomethingIsFiltered()
    {
        var changes = new List<RepositoryFilter>();
        var bar = RenderWithPopovers<RepositoryFilterBar>(parameters => parameters
            .Add(component => component.Filter, RepositoryFilter.None)
            .Add(component => component.FilterChanged, changes.Add));
        Assert.Empty(bar.FindAll("[data-testid=filter-clear]"));

        bar.Render(parameters => parameters.Add(component => component.Filter, new RepositoryFilter(HasInUse: true, Mode: "AutoRun")));
        bar.Find("[data-testid=filter-clear]").Click();

        Assert.Equal([RepositoryFilter.None], changes);
    }

    [Fact]
    public void TheAddressHoldsOnlyTheFiltersThatAreOn()
    {
        var filter = new RepositoryFilter(Team: "care", HasCandidates: true);

        var query = filter.ToQuery();

        Assert.Equal("care", query["team"]);
        Assert.Equal("true", query["candidates"]);
        Assert.All(["q", "inuse", "mode", "gone"], key => Assert.Null(query[key]));
        Assert.Equal(filter, RepositoryFilter.FromQuery("care", " ", true, null, "", false));
        Assert.Equal(new RepositoryFilter(Search: "api", HasInUse: true, Mode: "AutoRun", ShowGone: true), RepositoryFilter.FromQuery(null, " api ", false, true, "AutoRun", true));
    }

    /// <summary>The checkbox input, wherever MudBlazor puts the test id (on the input or around it).</summary>
    private static IElement Checkbox(IElement marked) =>
        marked.TagName == "INPUT" ? marked : marked.QuerySelector("input[type=checkbox]") ?? throw new InvalidOperationException(marked.OuterHtml);
}
