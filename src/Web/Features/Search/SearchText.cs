namespace EcrCurator.Web.Features.Search;

/// <summary>The texts of the image search (SearchText.resx, SearchText.ja.resx).</summary>
public sealed class SearchText;
