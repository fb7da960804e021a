using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EcrCurator.Web.Tests.Support;

/// <summary>Keeps what the application logs, for tests that read it: add it to a built app's logger factory before starting it.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> entries = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries => [.. entries];

    /// <summary>The messages, with any exception's text after them.</summary>
    public string Text => string.Join(Environment.NewLine, entries.Select(entry => $"{entry.Level} {entry.Category}: {entry.Message}"));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, logLevel, formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception)));
    }
}
