using EcrCurator.Web.Components.Shared;
using Microsoft.Extensions.Localization;

namespace EcrCurator.Web.Features.History;

/// <summary>An audit action in plain words (<c>Action.proposal.approved</c> in HistoryText), or its code when it has none yet.</summary>
public static class AuditActions
{
    public static string Name(IStringLocalizer<HistoryText> text, string action) =>
        text.Or("Action." + action, action);
}
