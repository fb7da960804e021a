using Microsoft.Extensions.Localization;
using MudBlazor;

namespace EcrCurator.Web.Features.Quarantine;

/// <summary>The confirmation before a restore, shared by the Repository, Approvals and History pages.</summary>
public static class RestorePrompts
{
    public static async Task<bool> ConfirmRestoreAsync(this IDialogService dialogs, IStringLocalizer<QuarantineText> text, int images, string fee) =>
        await dialogs.ShowMessageBoxAsync(text["ConfirmTitle"], text["Confirm", images, fee], yesText: text["ConfirmYes"], cancelText: text["Cancel"]) == true;
}
