using Microsoft.Extensions.Localization;

namespace EcrCurator.Web.Components.Shared;

public static class Localized
{
    /// <summary>The text of <paramref name="key"/>, or <paramref name="fallback"/> (a code, shown as it is) when the resources have none.</summary>
    public static string Or(this IStringLocalizer text, string key, string fallback) =>
        text[key] is { ResourceNotFound: false } found ? found.Value : fallback;
}
