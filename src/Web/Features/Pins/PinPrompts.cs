using Microsoft.Extensions.Localization;
using MudBlazor;

namespace EcrCurator.Web.Features.Pins;

/// <summary>The dialogs of pinning, shared by the Pins page and the Repository page.</summary>
public static class PinPrompts
{
    /// <returns>What the person entered, or null when they cancelled.</returns>
    public static async Task<PinRequest?> AskPinAsync(this IDialogService dialogs, IStringLocalizer<PinsText> text, string repository, string digest, IReadOnlyList<string> tags, DateOnly today)
    {
        var parameters = new DialogParameters<PinDialog>
        {
            { dialog => dialog.Repository, repository },
            { dialog => dialog.Digest, digest },
            { dialog => dialog.Tags, tags },
            { dialog => dialog.Today, today },
        };
        var dialog = await dialogs.ShowAsync<PinDialog>(text["PinTitle"], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: PinRequest request } ? request : null;
    }

    public static async Task<bool> ConfirmUnpinAsync(this IDialogService dialogs, IStringLocalizer<PinsText> text, string repository, string digest) =>
        await dialogs.ShowMessageBoxAsync(
            text["ConfirmRemoveTitle"], text["ConfirmRemove", digest, repository], yesText: text["ConfirmRemoveYes"], cancelText: text["Cancel"]) == true;

    /// <summary>Today in <paramref name="zone"/>.</summary>
    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
}
