namespace EcrCurator.AwsSimulator.Control;

/// <summary>A control request that cannot be carried out; answered 400 (or 404) with the message.</summary>
internal sealed class ControlException(string message, int status = 400) : Exception(message)
{
    public int Status { get; } = status;
}
