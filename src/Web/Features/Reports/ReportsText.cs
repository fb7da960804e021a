namespace EcrCurator.Web.Features.Reports;

/// <summary>The texts of the usage reporters panel (ReportsText.resx, ReportsText.ja.resx).</summary>
public sealed class ReportsText;
