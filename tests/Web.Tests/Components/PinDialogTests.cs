using Bunit;
using EcrCurator.Web.Features.Pins;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EcrCurator.Web.Tests.Components;

public class PinDialogTests : ComponentTest
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Fact]
    public async Task APinNeedsAReason()
    {
        var (provider, dialog) = await OpenAsync();

        provider.Find("[data-testid=pin-confirm]").Click();

        Assert.Contains("A pin needs a reason", provider.Markup);
        Assert.False(dialog.Result.IsCompleted);
    }

    [Theory]
    [InlineData("2026-11-28")]
    [InlineData("2026-11-01")]
    public async Task TheExpiryMustBeALaterDayThanToday(string day)
    {
        var (provider, dialog) = await OpenAsync();
        provider.Find("textarea").Input("keep for the rollback");

        provider.Find(".mud-picker input").Change(day);
        provider.Find("[data-testid=pin-confirm]").Click();

        Assert.Contains("The expiry must be a day after today", provider.Markup);
        Assert.DoesNotContain("A pin needs a reason", provider.Markup);
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task AReasonAndALaterDayPinTheImage()
    {
        var (provider, dialog) = await OpenAsync();
        provider.Find("textarea").Input("  keep for the rollback ");

        provider.Find(".mud-picker input").Change("2026-11-29");
        provider.Find("[data-testid=pin-confirm]").Click();

        var result = await dialog.Result;
        Assert.False(result!.Canceled);
        Assert.Equal(new PinRequest("keep for the rollback", new DateOnly(2026, 11, 29)), result.Data);
    }

    [Fact]
    public async Task APinWithoutAnExpiryDoesNotExpire()
    {
        var (provider, dialog) = await OpenAsync();
        provider.Find("textarea").Input("customer demo");

        provider.Find("[data-testid=pin-confirm]").Click();

        Assert.Equal(new PinRequest("customer demo", null), (await dialog.Result)!.Data);
    }

    [Fact]
    public async Task TheDialogNamesTheImageItPins()
    {
        var (provider, _) = await OpenAsync();

        Assert.Contains("sha256:abc in care/api", provider.Find("[data-testid=pin-image]").TextContent);
        Assert.Contains("v1.2", provider.Markup);
    }

    [Fact]
    public void AnExpiryDayEndsTheMomentItBeginsInTheDashboardsZone()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero), new PinRequest("x", new DateOnly(2026, 12, 1)).ExpiresAt(tokyo));
        Assert.Null(new PinRequest("x", null).ExpiresAt(tokyo));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync()
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<PinDialog>
        {
            { dialog => dialog.Repository, "care/api" },
            { dialog => dialog.Digest, "sha256:abc" },
            { dialog => dialog.Tags, new[] { "v1.2" } },
            { dialog => dialog.Today, Today },
        };
        var dialog = await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<PinDialog>("Pin", parameters));
        return (provider, dialog);
    }
}
