namespace EcrCurator.Web.Features.Pins;

/// <summary>The texts of the Pins pages (PinsText.resx, PinsText.ja.resx).</summary>
public sealed class PinsText;
