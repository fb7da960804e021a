using Microsoft.Extensions.Localization;
using MudBlazor;

namespace EcrCurator.Web.Components;

/// <summary>Gives MudBlazor's components their texts in the person's language (<see cref="MudBlazorText"/>).</summary>
public sealed class CuratorMudLocalizer(IStringLocalizer<MudBlazorText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];

    public override LocalizedString this[string key, params object[] arguments] => text[key, arguments];
}
