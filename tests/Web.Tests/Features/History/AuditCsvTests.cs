using EcrCurator.Web.Features.History;

namespace EcrCurator.Web.Tests.Features.History;

public class AuditCsvTests
{
    [Fact]
    public void AnActorOrTeamThatLooksLikeAFormulaIsExportedAsText()
    {
        var entry = new AuditEntry(8, DateTimeOffset.UnixEpoch, "=cmd|' /C calc'!A0", "pin.added", "t", "=HYPERLINK(\"https://evil.example\")", "{}", "person");

        Assert.Equal("8,1970-01-01T00:00:00.000000Z,'=cmd|' /C calc'!A0,pin.added,t,\"'=HYPERLINK(\"\"https://evil.example\"\")\",{},person\r\n", AuditCsv.Line(entry));
    }

    [Fact]
    public void ALineHasEveryColumnInUtcAndEndsWithCrLf()
    {
        var entry = new AuditEntry(7, new DateTimeOffset(2026, 11, 28, 10, 30, 0, TimeSpan.FromHours(9)).AddTicks(1234560), "ben", "proposal.rejected",
            "111111111111/ap-northeast-1/care/api", null, "{\"comment\": \"no, thanks\"}", "person");

        Assert.Equal(
            "7,2026-11-28T01:30:00.123456Z,ben,proposal.rejected,111111111111/ap-northeast-1/care/api,,\"{\"\"comment\"\": \"\"no, thanks\"\"}\",person\r\n",
            AuditCsv.Line(entry));
    }

    [Fact]
    public async Task TheHeaderComesFirstAndEveryEntryFollowsInOrder()
    {
        using var output = new MemoryStream();
        var entries = Enumerable.Range(1, 1200)
            .Select(id => new AuditEntry(id, DateTimeOffset.UnixEpoch.AddSeconds(id), "system", "image.deleted", $"t@{id}", "care", "{}", "automation"))
            .ToAsyncEnumerable();

        await AuditCsv.WriteAsync(output, entries, TestContext.Current.CancellationToken);

        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split("\r\n");
        Assert.Equal(AuditCsv.Header, lines[0]);
        Assert.Equal(1202, lines.Length);
        Assert.Equal("1200,1970-01-01T00:20:00.000000Z,system,image.deleted,t@1200,care,{},automation", lines[1200]);
        Assert.Equal("", lines[^1]);
    }
}
