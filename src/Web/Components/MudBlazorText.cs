namespace EcrCurator.Web.Components;

/// <summary>
/// MudBlazor's own texts (pagers, dialogs, pickers, "Loading…"), under MudBlazor's keys: MudBlazorText.resx repeats its
/// English, MudBlazorText.ja.resx translates them.
/// </summary>
public sealed class MudBlazorText;
