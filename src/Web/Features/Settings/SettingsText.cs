namespace EcrCurator.Web.Features.Settings;

/// <summary>The texts of the Settings pages (SettingsText.resx, SettingsText.ja.resx).</summary>
public sealed class SettingsText;
