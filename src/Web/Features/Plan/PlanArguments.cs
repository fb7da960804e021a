using System.Globalization;

namespace EcrCurator.Web.Features.Plan;

/// <summary>The options of <c>plan</c>; every other argument is configuration (<c>--Curator:Policy:WindowDays=10</c>).</summary>
public sealed record PlanArguments(string? World, bool Json, string? Repository, DateTimeOffset? Now, string[] Configuration)
{
    public static PlanArguments Parse(string[] args)
    {
        string? world = null, repository = null;
        DateTimeOffset? now = null;
        var json = false;
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--world":
                    world = ValueOf(args, ref i);
                    break;
                case "--repository":
                    repository = ValueOf(args, ref i);
                    break;
                case "--json":
                    json = true;
                    break;
                case "--now":
                    var text = ValueOf(args, ref i);
                    now = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                        ? parsed.ToUniversalTime()
                        : throw new ArgumentException($"--now '{text}' is not an ISO-8601 time such as 2026-11-28T01:00:00Z.");
                    break;
                default:
                    configuration.Add(args[i]);
                    break;
            }
        }

        return new PlanArguments(world, json, repository, now, [.. configuration]);
    }

    private static string ValueOf(string[] args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
}
