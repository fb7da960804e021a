namespace EcrCurator.Web.Features.Repository;

/// <summary>The texts of the Repository page's lifecycle policy section and of a rule in words (LifecycleText.resx, LifecycleText.ja.resx).</summary>
public sealed class LifecycleText;
