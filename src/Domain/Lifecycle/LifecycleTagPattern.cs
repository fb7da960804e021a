namespace EcrCurator.Domain;

/// <summary>
/// A <c>tagPatternList</c> entry: <c>*</c> matches any run of characters (at most four of them in a pattern), every
/// other character itself, case-sensitively, against a whole tag.
/// </summary>
public static class LifecycleTagPattern
{
    public const int MostWildcards = 4;

    public static bool Matches(string pattern, string tag) => Wildcards.Matches(pattern, tag, questionMarkIsOne: false);
}
