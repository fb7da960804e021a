using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary>
/// One message, in one language, before a channel's format shapes it: a title, a sentence, a line per item (each with
/// its dashboard link) and the facts a program reading the generic webhook wants (<see cref="Data"/>).
/// </summary>
public sealed record NotificationMessage(string Event, string? Team, string Language, string Title, string Text, string? Link, IReadOnlyList<MessageLine> Lines, JsonObject? Data = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static NotificationMessage FromJson(string json) =>
        JsonSerializer.Deserialize<NotificationMessage>(json, JsonSerializerOptions.Web) ?? throw new InvalidDataException("An empty notification message.");
}

/// <summary>An item of a message: its text and up to two links (its page, and what a team member can do about it).</summary>
public sealed record MessageLine(string Text, string? Link = null, string? ActionText = null, string? ActionLink = null);
