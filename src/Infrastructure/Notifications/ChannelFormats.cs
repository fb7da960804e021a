using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary>A message in each channel's format: Slack's blocks, the generic webhook's JSON, an email's text and HTML.</summary>
public static class ChannelFormats
{
    /// <summary>Slack allows 50 blocks a message: a title, a sentence, the lines, a link and a note of how many more.</summary>
    private const int MaxSlackLines = 45;

    public static byte[] Slack(NotificationMessage message)
    {
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = PlainText(Cut(message.Title, 150)) },
            new JsonObject { ["type"] = "section", ["text"] = Markdown(Escape(message.Text)) },
        };
        foreach (var line in message.Lines.Take(MaxSlackLines))
        {
            var text = SlackLink(line.Text, line.Link);
            if (line.ActionLink is not null)
            {
                text += " · " + SlackLink(line.ActionText ?? line.ActionLink, line.ActionLink);
            }

            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Markdown(Cut(text, 3000)) });
        }

        if (message.Lines.Count > MaxSlackLines)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Markdown($"+{message.Lines.Count - MaxSlackLines}")) });
        }

        if (message.Link is not null)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Markdown(SlackLink("ECR Curator", message.Link))) });
        }

        var payload = new JsonObject { ["text"] = $"{message.Title}: {message.Text}", ["blocks"] = blocks };
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    public static byte[] Webhook(NotificationMessage message, long deliveryId, DateTimeOffset at)
    {
        var payload = new JsonObject
        {
            ["event"] = message.Event,
            ["team"] = message.Team,
            ["language"] = message.Language,
            ["title"] = message.Title,
            ["text"] = message.Text,
            ["url"] = message.Link,
            ["lines"] = new JsonArray([.. message.Lines.Select(line => (JsonNode)new JsonObject { ["text"] = line.Text, ["url"] = line.Link, ["actionUrl"] = line.ActionLink })]),
            ["data"] = message.Data?.DeepClone(),
            ["deliveryId"] = deliveryId,
            ["sentAt"] = at,
        };
        return JsonSerializer.SerializeToUtf8Bytes(payload, JsonSerializerOptions.Web);
    }

    public static string EmailSubject(NotificationMessage message) => $"[ECR Curator] {message.Title}";

    public static string EmailText(NotificationMessage message)
    {
        var text = new StringBuilder().AppendLine(message.Text).AppendLine();
        foreach (var line in message.Lines)
        {
            text.AppendLine("- " + line.Text + (line.Link is null ? "" : $" <{line.Link}>") + (line.ActionLink is null ? "" : $" ({line.ActionText}: <{line.ActionLink}>)"));
        }

        return message.Link is null ? text.ToString() : text.AppendLine().AppendLine(message.Link).ToString();
    }

    public static string EmailHtml(NotificationMessage message)
    {
        var html = new StringBuilder($"<h2>{Html(message.Title)}</h2><p>{Html(message.Text)}</p><ul>");
        foreach (var line in message.Lines)
        {
            html.Append("<li>").Append(HtmlLink(line.Text, line.Link));
            if (line.ActionLink is not null)
            {
                html.Append(" · ").Append(HtmlLink(line.ActionText ?? line.ActionLink, line.ActionLink));
            }

            html.Append("</li>");
        }

        html.Append("</ul>");
        return message.Link is null ? html.ToString() : html.Append($"<p>{HtmlLink("ECR Curator", message.Link)}</p>").ToString();
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string SlackLink(string text, string? link) => link is null ? Escape(text) : $"<{link}|{Escape(text).Replace("|", "¦", StringComparison.Ordinal)}>";

    /// <summary>Slack's three control characters, escaped as its message format asks.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static string HtmlLink(string text, string? link) => link is null ? Html(text) : $"<a href=\"{Html(link)}\">{Html(text)}</a>";
}
