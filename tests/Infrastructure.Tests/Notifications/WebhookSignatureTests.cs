using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Tests.Audit;

namespace EcrCurator.Infrastructure.Tests.Notifications;

public sealed partial class WebhookSignatureTests
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

    [Fact]
    public async Task TheReceiversSnippetInTheSecurityDocumentAcceptsTheProductsSignatureAndRefusesAnOldOneOrAnother()
    {
        var document = SecurityDocument.Text;
        var snippet = PythonBlock().Match(document[document.IndexOf("### Notifications", StringComparison.Ordinal)..]).Groups[1].Value;
        var script = Path.Combine(Path.GetTempPath(), $"verify-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(script, snippet + """

            import sys
            body = open(sys.argv[3], "rb").read()
            print(verify(sys.argv[1].encode(), sys.argv[2], body))
            """, TestContext.Current.CancellationToken);
        var body = Path.ChangeExtension(script, ".json");
        await File.WriteAllBytesAsync(body, Body, TestContext.Current.CancellationToken);

        Assert.Equal("True", await PythonAsync(script, "k", WebhookSignature.Sign("k", DateTimeOffset.UtcNow, Body), body));
        Assert.Equal("False", await PythonAsync(script, "k", WebhookSignature.Sign("k", DateTimeOffset.UtcNow.AddMinutes(-6), Body), body));
        Assert.Equal("False", await PythonAsync(script, "other", WebhookSignature.Sign("k", DateTimeOffset.UtcNow, Body), body));
    }

    private static async Task<string> PythonAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var python = Process.Start(start)!;
        var output = await python.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await python.WaitForExitAsync(TestContext.Current.CancellationToken);
        return output.Trim();
    }

    [GeneratedRegex("```python\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();
}
