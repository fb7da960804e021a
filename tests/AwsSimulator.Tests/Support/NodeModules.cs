using System.Security.Cryptography;

namespace EcrCurator.AwsSimulator.Tests.Support;

/// <summary>
/// The official AWS SDK for JavaScript v3, installed from the npm registry with <c>npm ci</c> beside the scenarios
/// (in the build output) once per test run; again only when <c>package-lock.json</c> changes.
/// </summary>
public sealed class NodeModules : IAsyncLifetime
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Sdk", "js");

    public async ValueTask InitializeAsync()
    {
        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Folder, "package-lock.json"))));
        var marker = Path.Combine(Folder, "node_modules", ".installed-lock");
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == lockHash)
        {
            return;
        }

        var (exitCode, output) = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(5));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {Folder} ({exitCode}):\n{output}");
        }

        await File.WriteAllTextAsync(marker, lockHash);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
