namespace EcrCurator.Web.Features.Quarantine;

/// <summary>The texts of restoring from the quarantine (QuarantineText.resx, .ja.resx).</summary>
public sealed class QuarantineText;
