using System.Text.Json;

namespace EcrCurator.Web.Tests.Features.Plan;

/// <summary>One run of the command line, in process, with what it printed.</summary>
public sealed record PlanRun(int ExitCode, string Output, string Errors)
{
    public static readonly string Now = "2026-11-28T00:00:00Z";

    public static string World(string name) => Path.Combine(AppContext.BaseDirectory, "Worlds", $"{name}.world.json");

    public static PlanRun Of(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exitCode = CommandLine.RunAsync(args, output, errors).GetAwaiter().GetResult();
        return new PlanRun(exitCode, output.ToString(), errors.ToString());
    }

    /// <summary>The configuration of a world's <c>NAME.env</c> as command-line arguments.</summary>
    public static string[] ConfigurationOf(string name)
    {
        var env = Path.Combine(AppContext.BaseDirectory, "Worlds", $"{name}.env");
        return File.Exists(env)
            ? [.. File.ReadAllLines(env).Where(line => line.Contains('=')).Select(line => "--" + line.Replace("__", ":"))]
            : [];
    }

    public JsonElement Json => JsonDocument.Parse(Output).RootElement;
}
