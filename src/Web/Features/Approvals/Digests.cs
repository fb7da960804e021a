namespace EcrCurator.Web.Features.Approvals;

public static class Digests
{
    /// <summary><c>sha256:</c> and the first 12 hex digits, enough to tell images apart on screen.</summary>
    public static string Short(string digest) => digest.Length > 19 ? digest[..19] + "…" : digest;
}
