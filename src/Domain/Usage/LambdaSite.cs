namespace EcrCurator.Domain;

/// <summary>
/// Where Lambda runs an image: a version of a function (<c>$LATEST</c> or a published number), with the aliases that
/// point at it, in name order. Its text is <c>lambda:ACCOUNT/REGION/FUNCTION:VERSION</c>, followed by
/// <c> (ALIAS, ALIAS)</c> when aliases point at it.
/// </summary>
public sealed record LambdaSite : UsageSite
{
    public const string Prefix = "lambda:";

    public LambdaSite(string accountId, string region, string function, string version, IReadOnlyList<string>? aliases = null)
        : base(accountId, region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(function);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        Function = function;
        Version = version;
        Aliases = [.. (aliases ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public string Function { get; }

    public string Version { get; }

    public IReadOnlyList<string> Aliases { get; }

    /// <summary>
    /// What this version uses (SPEC 3.2): the digest of its <c>ResolvedImageUri</c>, which Lambda runs whatever the
    /// tag says now, and its <c>ImageUri</c>, resolved like a task definition's reference (what an update would pick).
    /// </summary>
    public IEnumerable<ImageUse> Uses(string? imageUri, string? resolvedImageUri)
    {
        if (!string.IsNullOrWhiteSpace(resolvedImageUri))
        {
            yield return new ImageUse(resolvedImageUri, null, this);
        }

        if (!string.IsNullOrWhiteSpace(imageUri) && imageUri != resolvedImageUri)
        {
            yield return new ImageUse(imageUri, null, this);
        }
    }

    public bool Equals(LambdaSite? other) =>
        other is not null && base.Equals(other) && Function == other.Function && Version == other.Version && Aliases.SequenceEqual(other.Aliases);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Function, Version, Aliases.Count);

    public override string ToString() =>
        $"{Prefix}{AccountId}/{Region}/{Function}:{Version}" + (Aliases.Count == 0 ? "" : $" ({string.Join(", ", Aliases)})");
}
