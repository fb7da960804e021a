using System.Security.Cryptography;
using System.Text;
using EcrCurator.Infrastructure.Notifications;

namespace EcrCurator.Infrastructure.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":"proposals","team":"shop"}""");
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_796_000_000);

    [Fact]
    public void TheHeaderIsTheTimestampAndTheHexHmacSha256OfTimestampDotBody()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes("1796000000." + Encoding.UTF8.GetString(Body))));

        Assert.Equal($"t=1796000000,v1={expected}", WebhookSignature.Sign("k", At, Body));
    }

    [Fact]
    public void AReceiverAcceptsItWithinFiveMinutesAndRefusesItOlderOrAltered()
    {
        var header = WebhookSignature.Sign("k", At, Body);

        Assert.True(WebhookSignature.Verify("k", header, Body, At.AddMinutes(4), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("k", header, Body, At.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("k", header, [.. Body, (byte)' '], At, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("other", header, Body, At, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("k", header.Replace("t=1796000000", "t=1796000001", StringComparison.Ordinal), Body, At, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void RetriesWaitTwiceAsLongEachTimeUpToAnHour()
    {
        var options = new NotificationsOptions { FirstRetrySeconds = 30 };

        Assert.Equal([30, 60, 120, 240, 3600], new[] { 1, 2, 3, 4, 20 }.Select(attempt => options.RetryDelay(attempt).TotalSeconds));
    }
}
