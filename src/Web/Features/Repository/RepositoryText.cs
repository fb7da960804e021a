namespace EcrCurator.Web.Features.Repository;

/// <summary>The texts of the Repository page (RepositoryText.resx, RepositoryText.ja.resx).</summary>
public sealed class RepositoryText;
