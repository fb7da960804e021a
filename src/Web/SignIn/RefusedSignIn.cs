using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace EcrCurator.Web.SignIn;

/// <summary>
/// A person the provider signed in but no mapped group gives a role: the refusal page shows who they are and their
/// groups as the provider said, carried in its address sealed by the server (encrypted, signed, good for ten minutes),
/// so that nobody can make the page say something else with a link.
/// </summary>
public sealed record RefusedSignIn(string Name, IReadOnlyList<string> Groups)
{
    private const string Purpose = "EcrCurator.SignIn.Refused";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public string Seal(IDataProtectionProvider protection) =>
        protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Protect(JsonSerializer.Serialize(this), Lifetime);

    /// <returns>The person a seal of this server names, or null for anything else.</returns>
    public static RefusedSignIn? Open(IDataProtectionProvider protection, string? seal)
    {
        if (string.IsNullOrEmpty(seal))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RefusedSignIn>(protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(seal));
        }
        catch (Exception error) when (error is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
