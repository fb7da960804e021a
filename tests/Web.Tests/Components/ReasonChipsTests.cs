using System.Globalization;
using Bunit;
using EcrCurator.Domain;
using EcrCurator.Web.Features.Repository;
using EcrCurator.Web.Tests.Support;
using MudBlazor;

namespace EcrCurator.Web.Tests.Components;

public class ReasonChipsTests : ComponentTest
{
    private static readonly IReadOnlyList<string> EveryCode = ReasonCodes.Codes(Enum.GetValues<Reasons>().Aggregate(Reasons.None, (all, reason) => all | reason));

    [Fact]
    public void EachReasonIsAChipGreenWhenItKeepsAndRedWhenItDeletes()
    {
        var cut = RenderWithPopovers<ReasonChips>(parameters => parameters.Add(chips => chips.Reasons, ["in-use", "outside-window", "untagged", "pinned", "in-window"]));

        var chips = cut.FindComponents<MudChip<string>>();
        Assert.Equal(["in-use", "outside-window", "untagged", "pinned", "in-window"], chips.Select(chip => chip.Instance.Text));
        Assert.Equal([Color.Success, Color.Error, Color.Error, Color.Success, Color.Success], chips.Select(chip => chip.Instance.Color));
        Assert.Equal(["Keep", "Delete", "Delete", "Keep", "Keep"], cut.FindAll("[data-testid=reason-chip]").Select(chip => chip.GetAttribute("data-kind")));
    }

    [Fact]
    public void OnlyUntaggedOutsideWindowAndAnExpiredQuarantineSpeakForDeleting()
    {
        Assert.Equal(["outside-window", "quarantine-expired", "untagged"], EveryCode.Where(code => ReasonKinds.Of(code) == ReasonKind.Delete));
        Assert.Equal(14, EveryCode.Count); // SPEC 3's twelve, unverified and quarantine-expired
        Assert.Null(ReasonKinds.Of("not-a-reason"));
    }

    [Fact]
    public void EveryReasonIsExplainedInATooltipInEnglishAndInJapanese()
    {
        var english = Explanations("en");
        var japanese = Explanations("ja");

        Assert.Equal(EveryCode.Count, english.Distinct().Count());
        Assert.All(english.Zip(EveryCode), pair => Assert.NotEqual(pair.Second, pair.First));
        Assert.Contains("running ECS task", english[EveryCode.ToList().IndexOf("in-use")]);
        Assert.All(english.Zip(japanese), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Contains("ピン留め", japanese[EveryCode.ToList().IndexOf("pinned")]);
    }

    [Fact]
    public void AReasonThisVersionDoesNotKnowIsShownPlainly()
    {
        var cut = RenderWithPopovers<ReasonChips>(parameters => parameters.Add(chips => chips.Reasons, ["from-the-future"]));

        Assert.Equal(Color.Default, cut.FindComponent<MudChip<string>>().Instance.Color);
        Assert.Equal("from-the-future", cut.FindComponent<MudTooltip>().Instance.Text);
    }

    private List<string> Explanations(string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var cut = Render<ReasonChips>(parameters => parameters.Add(chips => chips.Reasons, EveryCode));
            return [.. cut.FindComponents<MudTooltip>().Select(tooltip => tooltip.Instance.Text!)];
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
