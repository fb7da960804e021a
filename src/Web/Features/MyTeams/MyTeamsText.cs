namespace EcrCurator.Web.Features.MyTeams;

/// <summary>The texts of the My teams page (MyTeamsText.resx, MyTeamsText.ja.resx).</summary>
public sealed class MyTeamsText;
