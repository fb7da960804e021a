using Bunit;
using EcrCurator.Web.Features.Repository;
using EcrCurator.Web.Tests.Support;
using MudBlazor;

namespace EcrCurator.Web.Tests.Components;

/// <summary>The parts of an image row that keep it narrow: compact attachment tags and a one-line "where it runs".</summary>
public class ImageCellPartsTests : ComponentTest
{
    private const string Signature = "sha256-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.sig";

    [Fact]
    public void ASignatureTagIsACompactAttachmentChipWithTheWholeTagOnHover()
    {
        var cut = RenderWithPopovers<TagChip>(parameters => parameters.Add(chip => chip.Tag, Signature));

        var chip = cut.Find("[data-testid=tag]");
        Assert.Equal("signature", chip.TextContent.Trim());
        Assert.Equal("sig", chip.GetAttribute("data-attachment"));
        Assert.Equal(Signature, chip.GetAttribute("data-tag"));
        Assert.Equal(Signature, cut.FindComponent<MudTooltip>().Instance.Text);
    }

    [Theory]
    [InlineData("v1.2.3")]
    [InlineData("sha256-not-hex.sig")]
    [InlineData("sha256-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.sig.old")]
    public void AnyOtherTagIsShownAsItIs(string tag)
    {
        var cut = RenderWithPopovers<TagChip>(parameters => parameters.Add(chip => chip.Tag, tag));

        Assert.Equal(tag, cut.Find("[data-testid=tag]").TextContent.Trim());
        Assert.Null(cut.Find("[data-testid=tag]").GetAttribute("data-attachment"));
    }

    [Fact]
    public void WhereItRunsIsOneLineNamingTheFirstPlaceAndHowManyMoreAndAClickListsThemAll()
    {
        UsageLocation[] sites =
        [
            UsageLocation.Parse("111111111111/ap-northeast-1/prod/service/care-api (care-api:12)"),
            UsageLocation.Parse("222222222222/ap-northeast-1/prod/service/care-worker (care-worker:3)"),
            UsageLocation.Parse("222222222222/ap-northeast-1/batch/task/0123456789abcdef (care-job:7)"),
        ];

        var popovers = Render<MudPopoverProvider>();
        var cut = Render<WhereItRuns>(parameters => parameters.Add(where => where.Sites, sites));

        Assert.Equal("3", cut.Find("[data-testid=where-it-runs]").GetAttribute("data-count"));
        Assert.Equal("service care-api +2", cut.Find("[data-testid=where-it-runs-summary]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=used-by]"));

        cut.Find("[data-testid=where-it-runs-summary]").Click();

        popovers.WaitForAssertion(() => Assert.Equal(3, popovers.FindAll("[data-testid=where-it-runs-all] [data-testid=used-by]").Count));
        Assert.Contains("222222222222 · batch · task 0123456789ab…", popovers.Find("[data-testid=where-it-runs-all]").TextContent);
    }

    [Fact]
    public void AnImageRunningNowhereShowsADash()
    {
        var cut = Render<WhereItRuns>(parameters => parameters.Add(where => where.Sites, []));

        Assert.Equal("—", cut.Markup.Trim().Replace("<span>", "").Replace("</span>", ""));
    }
}
