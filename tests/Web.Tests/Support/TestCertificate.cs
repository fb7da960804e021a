using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EcrCurator.Web.Tests.Support;

/// <summary>A self-signed RSA certificate with its key, in a temporary PKCS#12 file (deleted on dispose).</summary>
public sealed class TestCertificate : IDisposable
{
    public TestCertificate(string subject, string password)
    {
        Password = password;
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"curator-test-{Guid.NewGuid():N}.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(Path, created.Export(X509ContentType.Pkcs12, password));
    }

    public string Path { get; }

    public string Password { get; }

    /// <summary>Settings that make the dashboard listen on https (loopback, a free port) with this certificate.</summary>
    public string[] HttpsSettings => ["--urls", "https://127.0.0.1:0", $"--Kestrel:Certificates:Default:Path={Path}", $"--Kestrel:Certificates:Default:Password={Password}"];

    public void Dispose() => File.Delete(Path);
}
