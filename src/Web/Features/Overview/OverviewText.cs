namespace EcrCurator.Web.Features.Overview;

/// <summary>The texts of the Overview pages (OverviewText.resx, OverviewText.ja.resx).</summary>
public sealed class OverviewText;
