namespace EcrCurator.Web.Features.History;

/// <summary>The texts of the History pages (HistoryText.resx, HistoryText.ja.resx).</summary>
public sealed class HistoryText;
