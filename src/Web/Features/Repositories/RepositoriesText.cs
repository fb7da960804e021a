namespace EcrCurator.Web.Features.Repositories;

/// <summary>The texts of the Repositories pages (RepositoriesText.resx, RepositoriesText.ja.resx).</summary>
public sealed class RepositoriesText;
