using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Lambda;
using Microsoft.Extensions.Time.Testing;

namespace EcrCurator.Infrastructure.Tests.Aws;

/// <summary>Lambda's request rates per account-region: GetFunction 100 a second, ListFunctions and ListAliases 15.</summary>
public class RequestPacerTests
{
    private static readonly AccountRegion Tokyo = new("111111111111", "ap-northeast-1");

    [Fact]
    public async Task LetsGetFunctionGoAtMostOneHundredTimesASecondPerAccountRegion()
    {
        var time = new FakeTimeProvider();
        var rates = new LambdaRates(time);

        var calls = Enumerable.Range(0, 101).Select(_ => rates.WaitAsync(Tokyo, "GetFunction", TestContext.Current.CancellationToken).AsTask()).ToList();

        Assert.Equal(1, calls.Count(call => call.IsCompleted));
        time.Advance(TimeSpan.FromMilliseconds(990));
        Assert.Equal(100, calls.Count(call => call.IsCompleted));
        time.Advance(TimeSpan.FromMilliseconds(10));
        await Task.WhenAll(calls);
    }

    [Fact]
    public void PacesEachOperationAndAccountRegionOnItsOwn()
    {
        var time = new FakeTimeProvider();
        var rates = new LambdaRates(time);

        var first = rates.WaitAsync(Tokyo, "ListAliases", TestContext.Current.CancellationToken);
        var second = rates.WaitAsync(Tokyo, "ListAliases", TestContext.Current.CancellationToken);
        var other = rates.WaitAsync(Tokyo with { AccountId = "222222222222" }, "ListAliases", TestContext.Current.CancellationToken);
        var get = rates.WaitAsync(Tokyo, "GetFunction", TestContext.Current.CancellationToken);

        Assert.True(first.IsCompleted && other.IsCompleted && get.IsCompleted);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1.0 / LambdaRates.ControlPlanePerSecond));
        Assert.True(second.IsCompleted);
    }
}
