using System.Globalization;
using EcrCurator.AwsSimulator.Generation;

namespace EcrCurator.AwsSimulator;

/// <summary>
/// The command line: <c>--world FILE</c>, or <c>--generate</c> with generator settings (<c>--seed 1 --repositories 300 …</c>),
/// optionally <c>--days N</c> to advance it and <c>--write-world FILE</c> to write it instead of serving it.
/// Everything else (<c>--urls</c>…) is left to ASP.NET Core.
/// </summary>
public sealed record SimulatorOptions
{
    public string? WorldFile { get; init; }

    public bool Generate { get; init; }

    public GeneratorSettings Generator { get; init; } = new();

    public int Days { get; init; }

    public string? WriteWorld { get; init; }

    /// <summary>How many seconds a restore from the archive takes (<c>--restore-seconds</c>).</summary>
    public double RestoreSeconds { get; init; } = 20;

    public IReadOnlyList<string> HostArguments { get; init; } = [];

    private static readonly Dictionary<string, Func<SimulatorOptions, string, SimulatorOptions>> Settings = new()
    {
        ["--world"] = (o, v) => o with { WorldFile = v },
        ["--write-world"] = (o, v) => o with { WriteWorld = v },
        ["--days"] = (o, v) => o with { Days = Int(v) },
        ["--restore-seconds"] = (o, v) => o with { RestoreSeconds = double.Parse(v, CultureInfo.InvariantCulture) is var seconds and >= 0 ? seconds : throw new FormatException() },
        ["--seed"] = (o, v) => o.With(g => g with { Seed = Int(v) }),
        ["--teams"] = (o, v) => o.With(g => g with { Teams = Int(v) }),
        ["--repositories"] = (o, v) => o.With(g => g with { Repositories = Int(v) }),
        ["--images-per-repository"] = (o, v) => o.With(g => g with { ImagesPerRepository = Int(v) }),
        ["--large-repository-images"] = (o, v) => o.With(g => g with { LargeRepositoryImages = Int(v) }),
        ["--large-repository-name"] = (o, v) => o.With(g => g with { LargeRepositoryName = v }),
        ["--multi-arch-share"] = (o, v) => o.With(g => g with { MultiArchShare = Share(v) }),
        ["--signature-share"] = (o, v) => o.With(g => g with { SignatureShare = Share(v) }),
        ["--untagged-share"] = (o, v) => o.With(g => g with { UntaggedShare = Share(v) }),
        ["--lifecycle-policy-share"] = (o, v) => o.With(g => g with { LifecyclePolicyShare = Share(v) }),
        ["--clusters"] = (o, v) => o.With(g => g with { Clusters = Int(v) }),
        ["--services"] = (o, v) => o.With(g => g with { Services = Int(v) }),
        ["--tasks-per-service"] = (o, v) => o.With(g => g with { TasksPerService = Int(v) }),
        ["--cross-account-share"] = (o, v) => o.With(g => g with { CrossAccountShare = Share(v) }),
        ["--lambda-share"] = (o, v) => o.With(g => g with { LambdaShare = Share(v) }),
        ["--daily-change-rate"] = (o, v) => o.With(g => g with { DailyChangeRate = Share(v) }),
        ["--registry-account"] = (o, v) => o.With(g => g with { RegistryAccount = v }),
        ["--workload-account"] = (o, v) => o.With(g => g with { WorkloadAccount = v }),
        ["--region"] = (o, v) => o.With(g => g with { Region = v }),
        ["--now"] = (o, v) => o.With(g => g with { Now = DateTimeOffset.Parse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) }),
        ["--history-days"] = (o, v) => o.With(g => g with { HistoryDays = Int(v) }),
    };

    /// <summary>Reads the command line; a wrong one throws <see cref="ArgumentException"/> naming the option.</summary>
    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var key, var given] ? (key, given) : (args[i], null);
            if (name == "--generate")
            {
                options = options with { Generate = true };
            }
            else if (Settings.TryGetValue(name, out var set))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value"));
                try
                {
                    options = set(options, value);
                }
                catch (FormatException)
                {
                    throw new ArgumentException($"{name}: '{value}' is not a valid value");
                }
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if ((options.WorldFile is null) == !options.Generate)
        {
            throw new ArgumentException("give either --world FILE or --generate (with generator settings such as --seed 1 --repositories 300)");
        }

        if (options.Generate && options.Generator.Problems().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        return options with { HostArguments = rest };
    }

    private SimulatorOptions With(Func<GeneratorSettings, GeneratorSettings> change) => this with { Generator = change(Generator) };

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static double Share(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
