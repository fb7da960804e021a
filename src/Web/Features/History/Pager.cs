using System.Globalization;
using EcrCurator.Web.Features.Approvals;
using Microsoft.Extensions.Localization;

namespace EcrCurator.Web.Features.History;

/// <summary>What a table's pager says: "1-25 / 812", or "1-25 of more than 10,000" when counting stopped.</summary>
public static class Pager
{
    public static string Info<T>(Paged<T> page, IStringLocalizer<HistoryText> text) => page.MoreThanTotal
        ? string.Format(CultureInfo.CurrentCulture, text["PagerMore"], "{first_item}", "{last_item}", HistoryService.CountLimit.ToString("#,0", CultureInfo.CurrentCulture))
        : "{first_item}-{last_item} / {all_items}";
}
