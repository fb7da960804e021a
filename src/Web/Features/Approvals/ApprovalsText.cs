namespace EcrCurator.Web.Features.Approvals;

/// <summary>The texts of the Approvals pages (ApprovalsText.resx, ApprovalsText.ja.resx).</summary>
public sealed class ApprovalsText;
