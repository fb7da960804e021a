namespace EcrCurator.Domain;

/// <summary>A glob (<c>*</c> any run of characters, <c>?</c> one character) matched case-sensitively against a whole tag.</summary>
public sealed record TagPattern
{
    public TagPattern(string glob)
    {
        ArgumentException.ThrowIfNullOrEmpty(glob);
        Glob = glob;
    }

    public string Glob { get; }

    public bool Matches(string tag)
    {
        int g = 0, t = 0, starG = -1, starT = 0;
        while (t < tag.Length)
        {
            if (g < Glob.Length && (Glob[g] == '?' || Glob[g] == tag[t]))
            {
                g++;
                t++;
            }
            else if (g < Glob.Length && Glob[g] == '*')
            {
                starG = g++;
                starT = t;
            }
            else if (starG >= 0)
            {
                g = starG + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (g < Glob.Length && Glob[g] == '*')
        {
            g++;
        }

        return g == Glob.Length;
    }

    public override string ToString() => Glob;
}
