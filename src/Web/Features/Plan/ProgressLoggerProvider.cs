namespace EcrCurator.Web.Features.Plan;

/// <summary>One plain line per message of the product's own at Information and above, for progress on standard error.</summary>
public sealed class ProgressLoggerProvider(TextWriter errors) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ProgressLogger(errors, categoryName.StartsWith("EcrCurator", StringComparison.Ordinal));

    public void Dispose()
    {
    }

    private sealed class ProgressLogger(TextWriter errors, bool ours) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= (ours ? LogLevel.Information : LogLevel.Warning);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (errors)
                {
                    errors.WriteLine(formatter(state, exception));
                }
            }
        }
    }
}
