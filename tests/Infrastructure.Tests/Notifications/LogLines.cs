using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EcrCurator.Infrastructure.Tests.Notifications;

/// <summary>Every log line the product writes, with its exception and scope values, to look for what must never be there.</summary>
public sealed class LogLines : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public string All => string.Join('\n', Lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogLines lines, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Lines.Enqueue($"scope {category}: {state}");
            return new Scope();
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {state} {exception}");
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
