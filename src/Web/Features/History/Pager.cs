using System.Globalization;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Approvals;
using Microsoft.Extensions.Localization;

namespace EcrCurator.Web.Features.History;

/// <summary>What a History table's pager says when counting stopped: "1-25 of more than 10,000".</summary>
public static class Pager
{
    /// <summary>"first–last of more than N" when the count stopped at its limit; else null, the pager's own.</summary>
    public static string? Info<T>(Paged<T> page, IStringLocalizer<HistoryText> text) => page.MoreThanTotal
        ? string.Format(CultureInfo.CurrentCulture, text["PagerMore"], "{first_item}", "{last_item}", Display.Count(HistoryService.CountLimit))
        : null;
}
