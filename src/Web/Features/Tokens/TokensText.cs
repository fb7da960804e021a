namespace EcrCurator.Web.Features.Tokens;

/// <summary>The texts of the API tokens panel (TokensText.resx, TokensText.ja.resx).</summary>
public sealed class TokensText;
