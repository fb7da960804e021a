using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary>How notifications are delivered (<c>Curator:Notifications</c>): the SMTP server of email channels, and retries.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Curator:Notifications";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Attempts per delivery before it is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; each further retry waits twice as long as the one before (at most an hour).</summary>
    public int FirstRetrySeconds { get; set; } = 30;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failed.</summary>
    public TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(3600, FirstRetrySeconds * Math.Pow(2, Math.Max(0, attempt - 1))));
}

/// <summary>The SMTP server email channels send through (<c>Curator:Notifications:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address.</summary>
    public string? From { get; set; }
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

public sealed class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>
{
    private const string Smtp = NotificationsOptions.Section + ":Smtp";

    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(NotificationsOptions options)
    {
        if (options.MaxAttempts is < 1 or > 20)
        {
            yield return $"{NotificationsOptions.Section}:MaxAttempts must be 1 to 20 (it is {options.MaxAttempts}).";
        }

        if (options.FirstRetrySeconds is < 0 or > 3600)
        {
            yield return $"{NotificationsOptions.Section}:FirstRetrySeconds must be 0 to 3600 (it is {options.FirstRetrySeconds}).";
        }

        var smtp = options.Smtp;
        if (smtp.Port is < 1 or > 65535)
        {
            yield return $"{Smtp}:Port must be 1 to 65535 (it is {smtp.Port}).";
        }

        if (!string.IsNullOrWhiteSpace(smtp.Host) && !MailAddress.TryCreate(smtp.From, out _))
        {
            yield return $"{Smtp}:From must be the sender's email address when {Smtp}:Host is set (it is '{smtp.From}').";
        }

        if (!string.IsNullOrEmpty(smtp.User) && smtp.Password is null)
        {
            yield return $"{Smtp}:Password is missing: {Smtp}:User is set.";
        }
    }
}
