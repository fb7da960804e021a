using System.Collections.Concurrent;

namespace EcrCurator.Infrastructure.Aws.Lambda;

/// <summary>
/// Lambda's request rates per account and region, which AWS does not raise: GetFunction 100 a second, and 15 a second
/// for each other control-plane operation (ListFunctions, ListAliases). Every Lambda call of this process waits for
/// its turn here, so that snapshots and live re-checks of one account-region together stay within them; calls are
/// spaced evenly (a 100-a-second operation every 10 ms) rather than sent in bursts.
/// </summary>
public sealed class LambdaRates(TimeProvider time)
{
    public const int GetFunctionPerSecond = 100;

    public const int ControlPlanePerSecond = 15;

    private readonly ConcurrentDictionary<(string AccountId, string Region, string Operation), RequestPacer> pacers = new();

    public static int PerSecond(string operation) => operation == "GetFunction" ? GetFunctionPerSecond : ControlPlanePerSecond;

    public ValueTask WaitAsync(AccountRegion target, string operation, CancellationToken cancellation) =>
        pacers.GetOrAdd((target.AccountId, target.Region, operation), key => new RequestPacer(PerSecond(key.Operation), time)).WaitAsync(cancellation);
}
