using EcrCurator.Infrastructure.Aws;
using Npgsql;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>Which errors end an execution for now (it resumes) and which end it for good.</summary>
public static class ExecutionFailure
{
    /// <summary>AWS throttling or 5xx past the retries, the network, a lost database connection, shutdown.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        OperationCanceledException or TimeoutException or HttpRequestException => true,
        AwsException aws => aws.IsThrottling || aws.Status >= 500,
        NpgsqlException database => database.IsTransient,
        _ when error.InnerException is { } inner => IsTransient(inner),
        _ => false,
    };

    public static string Describe(Exception error) => error switch
    {
        OperationCanceledException => StatusNotes.ServerStopped.English,
        _ => error.Message,
    };
}
