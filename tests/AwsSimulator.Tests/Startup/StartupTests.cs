using System.Diagnostics;
using EcrCurator.AwsSimulator.Generation;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.AwsSimulator.Tests.Startup;

/// <summary>Starting the simulator: a world file or a generated world, and a malformed file refused with the place and the problem.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("{\n  \"accounts\": [\n    { \"accountId\": \"1234\", \"region\": \"ap-northeast-1\" }\n  ]\n}", "line 3", "account id '1234' is not 12 digits (at $.accounts[0].accountId)")]
    [InlineData("{\n  \"accounts\": [\n    { \"accountId\": \"111111111111\", \"region\": \"ap-northeast-1\",\n      \"clusters\": [ { \"name\": \"c\", \"tasks\": [ { \"id\": \"t\", \"taskDefinition\": \"app:1\" } ] } ] }\n  ]\n}", "line 4", "task definition 'app:1' is referenced but not listed")]
    [InlineData("{ \"accounts\": [ { \"accountId\": \"111111111111\", \"region\": \"r\", \"color\": 1 } ] }", "line 1", "color")]
    [InlineData("{ \"accounts\": [ ", "line 1", "")]
    public void RefusesAMalformedWorldFileNamingThePlaceAndTheProblem(string content, string place, string problem)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, content);

        var error = Assert.Throws<WorldFormatException>(() => SimulatorApp.Create(SimulatorOptions.Parse(["--world", path])));

        Assert.Contains($"{path} {place}", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public async Task ExitsWithAMessageWhenTheWorldFileIsMalformed()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "{ \"accounts\": [ { \"accountId\": \"x\", \"region\": \"r\" } ] }", TestContext.Current.CancellationToken);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "EcrCurator.AwsSimulator.dll"), "--world", path, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains($"{path} line 1: account id 'x' is not 12 digits", stderr, StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public async Task ServesAWorldFile()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Worlds", "small.world.json");
        await using var app = SimulatorApp.Create(SimulatorOptions.Parse(["--world", path]));

        var state = app.Services.GetRequiredService<SimulatorState>();

        Assert.Equal(["111111111111"], state.Read(s => s.Regions.Select(region => region.AccountId).ToList()));
    }

    [Fact]
    public async Task ServesAGeneratedWorldWithoutWritingAFile()
    {
        await using var app = SimulatorApp.Create(SimulatorOptions.Parse(["--generate", "--seed", "5", "--repositories", "30", "--images-per-repository=4", "--days", "2"]));

        var state = app.Services.GetRequiredService<SimulatorState>();

        Assert.Equal((30, 2), state.Read(s => (s.Regions.Sum(region => region.Repositories.Count), s.Day)));
    }

    [Fact]
    public async Task ServesAGeneratedWorldWithALargeRepository()
    {
        var options = SimulatorOptions.Parse(["--generate", "--seed", "5", "--repositories", "3", "--large-repository-images=200", "--large-repository-name", "billing/huge"]);
        await using var app = SimulatorApp.Create(options);

        var state = app.Services.GetRequiredService<SimulatorState>();

        Assert.Equal((200, "billing/huge"), (options.Generator.LargeRepositoryImages, options.Generator.LargeRepositoryName));
        Assert.InRange(state.Read(s => s.Regions.Single(region => region.AccountId == "111111111111").Repositories["billing/huge"].Images.Count), 200, 300);
    }

    [Fact]
    public void WritesAGeneratedWorldThatReadsBackTheSame()
    {
        var path = Path.GetTempFileName();
        var options = SimulatorOptions.Parse(["--generate", "--seed", "9", "--repositories", "5", "--write-world", path]);
        using (var app = SimulatorApp.Create(options))
        {
            SimulatorApp.WriteWorld(app, path);
        }

        var read = WorldFile.Read(path);

        Assert.Equal(WorldGenerator.Generate(options.Generator).Accounts[0].Repositories.Count, read.Accounts[0].Repositories.Count);
        File.Delete(path);
    }

    [Theory]
    [InlineData(new[] { "--urls", "http://127.0.0.1:1" }, "either --world FILE or --generate")]
    [InlineData(new[] { "--world", "a.json", "--generate" }, "either --world FILE or --generate")]
    [InlineData(new[] { "--generate", "--seed", "x" }, "--seed: 'x' is not a valid value")]
    [InlineData(new[] { "--generate", "--multi-arch-share", "1.5" }, "between 0 and 1")]
    [InlineData(new[] { "--generate", "--teams" }, "--teams needs a value")]
    [InlineData(new[] { "--generate", "--large-repository-images", "-1" }, "counts cannot be negative")]
    [InlineData(new[] { "--generate", "--large-repository-images", "5", "--large-repository-name", "care/app-0000" }, "not one of the generated repositories' names")]
    [InlineData(new[] { "--generate", "--large-repository-images", "5", "--large-repository-name", "big" }, "the large repository's name is TEAM/NAME")]
    public void RefusesAWrongCommandLineNamingTheOption(string[] args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => SimulatorOptions.Parse(args));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LeavesHostArgumentsToAspNetCore()
    {
        var options = SimulatorOptions.Parse(["--world", "w.json", "--urls", "http://127.0.0.1:5000"]);

        Assert.Equal(["--urls", "http://127.0.0.1:5000"], options.HostArguments);
    }
}
