namespace EcrCurator.Web.Features.Plan;

/// <summary>One plain line per message of the product's own at Information and above, for progress on standard error.</summary>
public sealed class ProgressLoggerProvider(TextWriter errors) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) =>
        new ProgressLogger(errors, categoryName.StartsWith("EcrCurator", StringComparison.Ordinal), categoryName.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));

    public void Dispose()
    {
    }

    /// <remarks>EF Core's own failures arrive as exceptions with the command's message; its log of them is left out.</remarks>
    private sealed class ProgressLogger(TextWriter errors, bool ours, bool entityFramework) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => !entityFramework && logLevel >= (ours ? LogLevel.Information : LogLevel.Warning);

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
