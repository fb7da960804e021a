using System.Net.Http.Headers;
using EcrCurator.Infrastructure.Persistence.Model;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary>
/// Sends one message to one channel. Its own <see cref="HttpClient"/>, outside the client factory, so that no logging
/// handler ever writes a webhook's URL (a Slack URL is a secret) to a log; errors name the channel, never the URL.
/// </summary>
public sealed class ChannelSender(ChannelSecrets secrets, IOptions<NotificationsOptions> options, TimeProvider time) : IDisposable
{
    private const int SnippetLength = 300;

    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <exception cref="DeliveryException">The receiver refused it or could not be reached.</exception>
    public async Task SendAsync(NotificationChannelRow channel, NotificationDeliveryRow delivery, CancellationToken cancellation)
    {
        var message = NotificationMessage.FromJson(delivery.Message);
        switch (channel.Kind)
        {
            case ChannelKinds.Slack:
                await PostAsync(channel, ChannelFormats.Slack(message), signature: null, cancellation);
                break;
            case ChannelKinds.Webhook:
                var now = time.GetUtcNow();
                var body = ChannelFormats.Webhook(message, delivery.Id, now);
                await PostAsync(channel, body, WebhookSignature.Sign(secrets.Unprotect(channel.ProtectedSecret!), now, body), cancellation);
                break;
            case ChannelKinds.Email:
                await MailAsync(channel, message, cancellation);
                break;
            default:
                throw new DeliveryException(null, $"Channel {channel.Name} is of an unknown kind '{channel.Kind}'.");
        }
    }

    private async Task PostAsync(NotificationChannelRow channel, byte[] body, string? signature, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, secrets.Unprotect(channel.ProtectedUrl!)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.Header, signature);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellation);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            // The exception's message may hold the host, never the path; say only what happened.
            throw new DeliveryException(null, $"The receiver could not be reached: {error.GetType().Name} ({(error as HttpRequestException)?.HttpRequestError.ToString() ?? "timeout"}).");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var answer = await response.Content.ReadAsStringAsync(cancellation);
                throw new DeliveryException((int)response.StatusCode, $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}: {Snippet(answer)}");
            }
        }
    }

    private async Task MailAsync(NotificationChannelRow channel, NotificationMessage message, CancellationToken cancellation)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new DeliveryException(null, $"No SMTP server is configured ({NotificationsOptions.Section}:Smtp:Host) for the email channel {channel.Name}.");
        }

        var mail = new MimeMessage { Subject = ChannelFormats.EmailSubject(message) };
        mail.From.Add(MailboxAddress.Parse(smtp.From!));
        mail.To.AddRange(channel.Recipients.Select(MailboxAddress.Parse));
        mail.Body = new BodyBuilder { TextBody = ChannelFormats.EmailText(message), HtmlBody = ChannelFormats.EmailHtml(message) }.ToMessageBody();
        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, cancellation);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellation);
            }

            await client.SendAsync(mail, cancellation);
            await client.DisconnectAsync(quit: true, cancellation);
        }
        catch (SmtpCommandException refused)
        {
            throw new DeliveryException((int)refused.StatusCode, $"The SMTP server answered {(int)refused.StatusCode}: {Snippet(refused.Message)}");
        }
        catch (Exception error) when (error is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or AuthenticationException or SslHandshakeException
                                          or TimeoutException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            throw new DeliveryException(null, $"The SMTP server {smtp.Host}:{smtp.Port} could not take it: {Snippet(error.Message)}");
        }
    }

    private static string Snippet(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= SnippetLength ? flat : flat[..SnippetLength] + "…";
    }

    public void Dispose() => http.Dispose();
}

/// <summary>A delivery that failed: the receiver's status (HTTP or SMTP) when it answered, and what it said.</summary>
public sealed class DeliveryException(int? status, string message) : Exception(message)
{
    public int? Status { get; } = status;
}
