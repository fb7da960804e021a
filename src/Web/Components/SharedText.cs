namespace EcrCurator.Web.Components;

/// <summary>The texts the layout and shared components show (SharedText.resx, SharedText.ja.resx).</summary>
public sealed class SharedText;
