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

    public bool Matches(string tag) => Wildcards.Matches(Glob, tag, questionMarkIsOne: true);

    public override string ToString() => Glob;
}
