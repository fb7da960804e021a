using Microsoft.Playwright;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>Table rows and text boxes the scenarios reach by their cells' <c>data-testid</c> and data attributes.</summary>
internal static class Rows
{
    /// <summary>The table row (<c>tr</c>) holding the element <paramref name="cell"/> selects, e.g. <c>[data-testid=image][data-digest='sha256:…']</c>.</summary>
    public static ILocator RowOf(this DashboardBrowser browser, string cell) =>
        browser.Page.Locator("tr").Filter(new LocatorFilterOptions { Has = browser.Page.Locator(cell) });

    /// <summary>The text box of a MudTextField marked <c>data-testid="<paramref name="id"/>"</c> (the mark sits on the input or around it).</summary>
    public static ILocator TextBox(this ILocator scope, string id) =>
        scope.Locator($"textarea[data-testid={id}], input[data-testid={id}], [data-testid={id}] textarea, [data-testid={id}] input").First;

    public static ILocator TextBox(this DashboardBrowser browser, string id) => browser.Page.Locator("body").TextBox(id);
}
