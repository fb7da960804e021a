using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EcrCurator.Web.Tests.Hosting;

/// <summary>
/// The container files, checked where no Docker engine runs: Debian's docker-compose validates the compose file, and
/// the Dockerfile's build steps are held against the projects they build.
/// </summary>
public partial class ContainerTests
{
    private static readonly string Root = RepositoryRoot();

    [Fact]
    public async Task TheComposeFileIsValidWithPostgresAndTheWebAppAndAddsTheSimulatorUnderTheDemoProfile()
    {
        var production = await ComposeAsync("config");
        var services = await ComposeAsync("--env-file", "deploy/demo.env", "--profile", "demo", "config", "--services");
        var resolved = await ComposeAsync("--env-file", "deploy/demo.env", "--profile", "demo", "config");

        Assert.Equal(["postgres", "simulator", "web"], services.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        var simulator = production[production.IndexOf("\n  simulator:\n", StringComparison.Ordinal)..];
        Assert.Contains("    profiles:\n    - demo", simulator[..simulator.IndexOf("\n  web:\n", StringComparison.Ordinal)]);
        Assert.Single(Regex.Matches(production, "profiles:"));
        Assert.Contains("ASPNETCORE_ENVIRONMENT: Production", production);
        Assert.Equal(3, Regex.Matches(resolved, @"^\s+healthcheck:", RegexOptions.Multiline).Count);
        Assert.Contains("condition: service_healthy", resolved);
        Assert.Contains("AWS_ENDPOINT_URL: http://simulator:4566", resolved);
        Assert.Contains("ASPNETCORE_ENVIRONMENT: Demo", resolved);
    }

    [Fact]
    public void TheDockerfilePublishesTheProjectsInReleaseAndStartsTheAssembliesTheyBuild()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));

        var published = PublishedProject().Matches(dockerfile).Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(["src/Web/Web.csproj", "tests/AwsSimulator/AwsSimulator.csproj"], published);
        Assert.All(published, project => Assert.True(File.Exists(Path.Combine(Root, project)), project));
        Assert.Equal(2, Regex.Matches(dockerfile, "dotnet publish [^\n]*--configuration Release").Count);
        Assert.Contains("--configuration Release", File.ReadAllText(Path.Combine(Root, "test.sh")));
        Assert.Equal(["EcrCurator.Web.dll", "EcrCurator.AwsSimulator.dll"], Entrypoint().Matches(dockerfile).Select(match => match.Groups[1].Value));
        Assert.Equal(["EcrCurator.Web", "EcrCurator.AwsSimulator"], published.Select(AssemblyName));
        Assert.Contains("HEALTHCHECK", dockerfile);
    }

    private static async Task<string> ComposeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker-compose") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--file", "docker-compose.yml", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var compose = Process.Start(start)!;
        var output = compose.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = compose.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await compose.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(compose.ExitCode == 0, $"docker-compose {string.Join(' ', arguments)} failed: {await errors}");
        return await output;
    }

    private static string AssemblyName(string project) =>
        Regex.Match(File.ReadAllText(Path.Combine(Root, project)), "<AssemblyName>([^<]+)</AssemblyName>").Groups[1].Value;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EcrCurator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: EcrCurator.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex(@"ENTRYPOINT \[""dotnet"", ""([^""]+)""\]")]
    private static partial Regex Entrypoint();
}
