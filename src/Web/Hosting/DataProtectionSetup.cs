using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EcrCurator.Web.SignIn;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Hosting;

/// <summary>The data-protection keys (cookies, antiforgery, the refresh tokens in them) encrypted with a certificate before they reach the database.</summary>
public static class DataProtectionSetup
{
    private const string Section = DataProtectionCertificateOptions.Section;

    public static WebApplicationBuilder AddKeyEncryption(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(Section).Get<DataProtectionCertificateOptions>() ?? new DataProtectionCertificateOptions();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            builder.Services.AddDataProtection().ProtectKeysWithCertificate(Load(options.CertificatePath, options.CertificatePassword));
        }

        return builder;
    }

    /// <summary>Outside Development and Demo, says at start that the keys are stored in the clear when no certificate is set.</summary>
    public static void WarnWithoutKeyEncryption(this WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Services.GetRequiredService<IOptions<DataProtectionCertificateOptions>>().Value.CertificatePath)
            || SignInOptions.DevelopmentEnvironments.Contains(app.Environment.EnvironmentName))
        {
            return;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataProtectionSetup).Namespace + ".DataProtection");
        app.Lifetime.ApplicationStarted.Register(() => logger.LogWarning(
            "The data-protection keys, which sign session cookies, are stored in the database unencrypted: whoever reads the database or a backup can forge an Admin's session. " +
            "Set {Section}:CertificatePath (a .pfx with an RSA key) and {Section}:CertificatePassword to encrypt them (docs/deploy.md).",
            Section, Section));
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{Section}:CertificatePath '{path}' cannot be read: {error.Message}", error);
        }
        catch (CryptographicException error)
        {
            throw new InvalidOperationException($"{Section}:CertificatePath '{path}' does not open with {Section}:CertificatePassword as a PKCS#12 (.pfx) file: {error.Message}", error);
        }

        using var key = certificate.GetRSAPrivateKey();
        return key is not null
            ? certificate
            : throw new InvalidOperationException($"{Section}:CertificatePath '{path}' holds no RSA private key: the keys are encrypted with RSA, so the file needs the certificate's private key.");
    }
}
