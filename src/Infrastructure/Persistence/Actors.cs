namespace EcrCurator.Infrastructure.Persistence;

/// <summary>
/// Who acts, as the audit log records it: a person by their name, or the product's automation by a name reserved for
/// it (<c>system</c>, <c>cli:USER</c> for the command line's own work, <c>token:NAME</c> for an API token). A reserved name is never a person's: the
/// sign-ins and <c>approve --as</c> refuse it (<see cref="RequirePerson"/>), so an actor's kind follows from its name.
/// </summary>
public static class Actors
{
    /// <summary>The product's own automation: the nightly jobs, AutoRun.</summary>
    public const string System = "system";

    /// <summary>The prefix of the command line's own names (<c>cli:USER</c>), as <c>snapshot</c> records them.</summary>
    public const string CommandLinePrefix = "cli:";

    public static string CommandLine(string user) => CommandLinePrefix + user;

    /// <summary>The prefix of the names API tokens act under (<c>token:NAME</c>).</summary>
    public const string TokenPrefix = "token:";

    /// <summary>True for the names automation uses: <c>system</c>, <c>cli:*</c> and <c>token:*</c>, in any case and with spaces around.</summary>
    public static bool IsAutomation(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Equals(System, StringComparison.OrdinalIgnoreCase)
               || trimmed.StartsWith(CommandLinePrefix, StringComparison.OrdinalIgnoreCase)
               || trimmed.StartsWith(TokenPrefix, StringComparison.OrdinalIgnoreCase);
    }

    public static string KindOf(string actor) => IsAutomation(actor) ? ActorKind.Automation : ActorKind.Person;

    /// <summary>Why <paramref name="name"/> cannot be a person's name, or null when it can.</summary>
    public static string? Refusal(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "A person's name is empty."
        : IsAutomation(name) ? $"'{name.Trim()}' is a name the product's automation uses ({System}, {CommandLinePrefix}*, {TokenPrefix}*); a person cannot act under it."
        : null;

    /// <returns>The person's name, trimmed.</returns>
    /// <exception cref="ArgumentException">When the name is empty or reserved for automation; the message starts with <paramref name="source"/>.</exception>
    public static string RequirePerson(string? name, string source) =>
        Refusal(name) is { } refusal ? throw new ArgumentException($"{source}: {refusal}") : name!.Trim();
}

/// <summary>The kind of an audit entry's actor, as stored in <c>audit_entries.actor_kind</c>.</summary>
public static class ActorKind
{
    public const string Person = "person";
    public const string Automation = "automation";
}
