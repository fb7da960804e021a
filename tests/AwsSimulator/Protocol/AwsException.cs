namespace EcrCurator.AwsSimulator.Protocol;

/// <summary>An AWS error answer: its code (the <c>__type</c>), message and HTTP status.</summary>
internal sealed class AwsException(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int Status { get; } = status;

    public static AwsException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static AwsException Throttling() => new("ThrottlingException", "Rate exceeded");
}
