using Bunit;
using EcrCurator.Web.Features.Overview;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Components;

public class TeamTableTests : ComponentTest
{
    private const long GiB = 1L << 30;

    [Fact]
    public void TheTeamsSortByAColumnWhenItsHeadingIsClickedAndTheOtherWayOnTheNextClick()
    {
        StorageFigures Team(string name, long stored, long reclaimable) =>
            new(name, 1, 10, stored, 1, reclaimable, reclaimable, new Savings(reclaimable, 0.1m), new Savings(reclaimable, 0.1m));
        var teams = new[] { Team("billing", 5 * GiB, 1 * GiB), Team("care", 2 * GiB, 3 * GiB), Team("search", 9 * GiB, 2 * GiB) };
        var figures = new OverviewFigures(teams[0] with { Team = "" }, teams, new Savings(0, 0), "USD", null, null, []);
        var cut = Render<TeamTable>(parameters => parameters.Add(table => table.Figures, figures));
        string[] Order() => [.. cut.FindAll("[data-testid=team-row]").Select(row => row.GetAttribute("data-team")!)];

        cut.Find("[data-testid=sort-stored]").Click();
        Assert.Equal(["care", "billing", "search"], Order());

        cut.Find("[data-testid=sort-stored]").Click();
        Assert.Equal(["search", "billing", "care"], Order());

        cut.Find("[data-testid=sort-reclaimable]").Click();
        Assert.Equal(["billing", "search", "care"], Order());
    }
}
