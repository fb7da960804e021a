namespace EcrCurator.Infrastructure.Audit;

/// <summary>
/// What <c>audit verify</c> found: how many entries it walked, the chain's head (the last entry's hash, or 64 zeros for
/// an empty log), and the first problem, if any.
/// </summary>
/// <param name="Problem">The first entry edited, removed or reordered, or the expected head missing, in a sentence; null when intact.</param>
public sealed record AuditVerification(long Entries, string Head, long? HeadId, string? Problem)
{
    /// <summary>The action of the entry the nightly verification appends when the chain is intact.</summary>
    public const string Verified = "audit.verified";

    /// <summary>The action of the entry the nightly verification appends when it is not.</summary>
    public const string Failed = "audit.verification-failed";

    public bool Intact => Problem is null;

    /// <summary>One line: <c>N entries, chain intact, head HASH</c>, or the problem.</summary>
    public override string ToString() => Problem ?? $"{Entries} entries, chain intact, head {Head}";
}
