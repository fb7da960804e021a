namespace EcrCurator.Web.Hosting;

/// <summary>
/// The certificate that encrypts the data-protection keys kept in the database (<c>Curator:DataProtection</c>): without
/// it the keys that sign session cookies are stored in the clear, and a copy of the database can forge an Admin's cookie.
/// </summary>
public sealed class DataProtectionCertificateOptions
{
    public const string Section = "Curator:DataProtection";

    /// <summary>A PKCS#12 file (.pfx) with an RSA certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
