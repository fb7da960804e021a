using Bunit;
using EcrCurator.Web.Features.Settings;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Components;

public class KillSwitchPanelTests : ComponentTest
{
    private readonly List<bool> _changes = [];

    [Fact]
    public void TurningItOnAsksFirstAndOnlyAConfirmationTurnsIt()
    {
        var panel = Render(on: false);

        panel.Find("[data-testid=kill-switch-toggle]").Click();
        Assert.Contains("Stop every deletion now?", panel.Find("[data-testid=kill-switch-question]").TextContent);
        Assert.Empty(_changes);
        panel.Find("[data-testid=kill-switch-confirm]").Click();

        Assert.Equal([true], _changes);
        Assert.Empty(panel.FindAll("[data-testid=kill-switch-question]"));
    }

    [Fact]
    public void CancellingLeavesItAsItWas()
    {
        var panel = Render(on: false);

        panel.Find("[data-testid=kill-switch-toggle]").Click();
        panel.Find("[data-testid=kill-switch-cancel]").Click();

        Assert.Empty(_changes);
        Assert.NotNull(panel.Find("[data-testid=kill-switch-toggle]"));
    }

    [Fact]
    public void WhenOnItIsRedSaysWhoTurnedItAndOffersToTurnItOff()
    {
        var panel = Render(on: true);

        var paper = panel.Find("[data-testid=kill-switch]");
        Assert.Equal("on", paper.GetAttribute("data-state"));
        Assert.Contains("mud-theme-error", paper.ClassList);
        Assert.Contains("Kill switch: ON", paper.TextContent);
        Assert.Contains("Last turned by ada at 2026-03-01 09:00", paper.TextContent);
        panel.Find("[data-testid=kill-switch-toggle]").Click();
        Assert.Contains("Let approved deletions run again?", panel.Find("[data-testid=kill-switch-question]").TextContent);
        panel.Find("[data-testid=kill-switch-confirm]").Click();
        Assert.Equal([false], _changes);
    }

    [Fact]
    public void WhenOffItIsNotRed()
    {
        var paper = Render(on: false).Find("[data-testid=kill-switch]");

        Assert.Equal("off", paper.GetAttribute("data-state"));
        Assert.DoesNotContain("mud-theme-error", paper.ClassList);
    }

    private IRenderedComponent<KillSwitchPanel> Render(bool on) =>
        Render<KillSwitchPanel>(parameters => parameters
            .Add(panel => panel.On, on)
            .Add(panel => panel.ChangedBy, "ada")
            .Add(panel => panel.ChangedAt, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero))
            .Add(panel => panel.OnChange, value => _changes.Add(value)));
}
