using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Persistence;

namespace EcrCurator.Web.Features.Notifications;

/// <summary>
/// <c>channel add --name NAME --kind slack|webhook|email (--url URL | --to ADDRESS[,…]) [--secret S] [--teams TEAM,…|all]
/// [--events EVENT,…|all] [--language en|ja] --as NAME</c>, <c>channel list</c>, <c>channel remove NAME --as NAME</c>:
/// notification channels for scripted setup, checked and audited as the Settings page does.
/// </summary>
public static class ChannelCommand
{
    public const string Verb = "channel";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var (action, options, name, configuration) = Parse(args);
        using var host = CommandHost.Build(configuration, errors);
        await host.Database().MigrateAsync(CancellationToken.None);
        var channels = host.Services.GetRequiredService<ChannelBook>();
        switch (action)
        {
            case "add":
                var (added, generated) = await channels.AddAsync(Spec(options), Actor(options), CancellationToken.None);
                output.WriteLine($"Channel {added.Name} added ({added.Kind}, teams {added.Teams}, events {added.Events}, {added.Language}).");
                if (generated is not null)
                {
                    output.WriteLine($"Its signing secret (shown once; receivers verify X-Curator-Signature with it): {generated}");
                }

                return 0;
            case "list":
                foreach (var channel in await channels.ListAsync(CancellationToken.None))
                {
                    var where = channel.Kind == ChannelKinds.Email ? string.Join(",", channel.Recipients) : "url (set)";
                    var last = channel.LastStatus is null ? "never sent" : $"last {channel.LastStatus.ToLowerInvariant()}{(channel.LastFailure is null ? "" : ": " + channel.LastFailure)}";
                    output.WriteLine($"{channel.Name}\t{channel.Kind}\t{channel.Language}\tteams {channel.Teams}\tevents {channel.Events}\t{where}\t{last}{(channel.Flagged ? $"\tFLAGGED: {channel.ConsecutiveFailures} failures in a row" : "")}");
                }

                return 0;
            default:
                await channels.RemoveAsync(name ?? throw new ArgumentException("channel remove needs the channel's NAME."), Actor(options), CancellationToken.None);
                output.WriteLine($"Channel {name} removed.");
                return 0;
        }
    }

    private static ChannelSpec Spec(Dictionary<string, string> options) => new(
        options.GetValueOrDefault("--name") ?? throw new ArgumentException("channel add needs --name NAME."),
        options.GetValueOrDefault("--kind") ?? throw new ArgumentException("channel add needs --kind slack|webhook|email."),
        options.GetValueOrDefault("--url"),
        options.GetValueOrDefault("--secret"),
        List(options.GetValueOrDefault("--to")) ?? [],
        List(options.GetValueOrDefault("--teams") ?? "all"),
        List(options.GetValueOrDefault("--events") ?? "all"),
        options.GetValueOrDefault("--language") ?? "en");

    /// <summary>A comma-separated list; <c>all</c>: null.</summary>
    private static string[]? List(string? value) =>
        value is null or "all" ? null : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Actor(Dictionary<string, string> options) =>
        Actors.RequirePerson(options.GetValueOrDefault("--as") ?? throw new ArgumentException("channel add and remove need --as NAME: who changes the channels."), "--as");

    private static readonly string[] Valued = ["--name", "--kind", "--url", "--to", "--secret", "--teams", "--events", "--language", "--as"];

    private static (string Action, Dictionary<string, string> Options, string? Name, string[] Configuration) Parse(string[] args)
    {
        var action = args.FirstOrDefault() is "add" or "list" or "remove" ? args[0] : throw new ArgumentException("channel needs add, list or remove.");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var configuration = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (Valued.Contains(args[i]))
            {
                options[args[i]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            }
            else if (action == "remove" && name is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                name = args[i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':', StringComparison.Ordinal))
            {
                configuration.Add(args[i]);
            }
            else
            {
                throw new ArgumentException($"channel {action}: '{args[i]}' is not an option here.");
            }
        }

        return (action, options, name, [.. configuration]);
    }
}
