using Bunit;
using EcrCurator.Domain;
using EcrCurator.Web.Features.Repository;
using EcrCurator.Web.Tests.Support;
using MudBlazor;

namespace EcrCurator.Web.Tests.Components;

public class UsedByListTests : ComponentTest
{
    [Fact]
    public void ALambdaVersionShowsItsAccountFunctionAndVersionWithItsAliasesInTheTooltip()
    {
        var site = UsageLocation.Parse(new LambdaSite("222222222222", "ap-northeast-1", "resize", "55", ["live"]).ToString());

        var cut = RenderWithPopovers<UsedByList>(parameters => parameters.Add(list => list.Sites, [site]));

        var entry = cut.Find("[data-testid=used-by]");
        Assert.Equal("resize", entry.GetAttribute("data-function"));
        Assert.Equal("222222222222 · Lambda · function resize, version 55", entry.TextContent.Trim());
        Assert.Equal("ap-northeast-1 · aliases live", cut.FindComponent<MudTooltip>().Instance.Text);
    }

    [Fact]
    public void AnEcsServiceStillShowsItsClusterAndService()
    {
        var site = UsageLocation.Parse("111111111111/ap-northeast-1/prod/service/care-api (care-api:12)");

        var cut = RenderWithPopovers<UsedByList>(parameters => parameters.Add(list => list.Sites, [site]));

        Assert.Equal("111111111111 · prod · service care-api", cut.Find("[data-testid=used-by]").TextContent.Trim());
    }
}
