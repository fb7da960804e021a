namespace EcrCurator.AwsSimulator.Protocol;

/// <summary>An AWS error answer: its code (the <c>__type</c>), message and HTTP status.</summary>
internal sealed class AwsException(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int Status { get; } = status;

    /// <summary>An HTML page answered instead of AWS's JSON (a proxy's or load balancer's error page), if any.</summary>
    public string? Page { get; init; }

    public static AwsException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static AwsException Throttling() => new("ThrottlingException", "Rate exceeded");
}
