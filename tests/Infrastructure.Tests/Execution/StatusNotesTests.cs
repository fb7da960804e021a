using EcrCurator.Infrastructure.Execution;

namespace EcrCurator.Infrastructure.Tests.Execution;

public class StatusNotesTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 8, 1, 30, 0, TimeSpan.Zero);

    private static string Tokyo(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void AStoredNoteIsWrittenInJapaneseWithItsValuesAndItsTimeInTheDisplayZone()
    {
        var note = StatusNotes.OutsideWindow.Format("Mon–Fri 10:00–17:00 Asia/Tokyo", StatusNotes.Time(Opens));

        Assert.Equal("outside the execution window (Mon–Fri 10:00–17:00 Asia/Tokyo); it resumes at 2026-12-08 01:30Z.", note);
        Assert.Equal("実行時間帯（Mon–Fri 10:00–17:00 Asia/Tokyo）の外です。2026-12-08 10:30 に再開します。", StatusNotes.In("ja-JP", note, Tokyo));
        Assert.Equal("outside the execution window (Mon–Fri 10:00–17:00 Asia/Tokyo); it resumes at 2026-12-08 10:30.", StatusNotes.In("en-US", note, Tokyo));
    }

    [Fact]
    public void AVerbOfSeveralWordsIsReadWholeBeforeTheNumbersThatFollowIt()
    {
        var note = StatusNotes.AutoRunImageShare.Format("delete or quarantine", 6, 10, "50 %");

        Assert.Equal("自動実行は 10 個中 6 個のイメージを削除または隔離することになり、上限の 50 % を超えるため、人による承認が必要です。", StatusNotes.In("ja", note, Tokyo));
    }

    [Fact]
    public void ANoteInsideANoteIsTranslatedToo()
    {
        var note = StatusNotes.Stopped.Format(StatusNotes.KillSwitch.English);

        Assert.Equal("停止しました：緊急停止スイッチがオンです。オフになると実行を再開します。", StatusNotes.In("ja", note, Tokyo));
    }

    [Fact]
    public void AnErrorsOwnWordsStayAsTheyAreInsideTheTranslatedNote()
    {
        var note = StatusNotes.Failed.Format("AccessDeniedException: not authorized to perform ecr:BatchDeleteImage");

        Assert.Equal("実行に失敗しました：AccessDeniedException: not authorized to perform ecr:BatchDeleteImage", StatusNotes.In("ja", note, Tokyo));
        Assert.Equal("a note no template wrote", StatusNotes.In("ja", "a note no template wrote", Tokyo));
    }

    [Fact]
    public void EveryNoteReadsBackTheValuesItWasWrittenWithAndHasAJapaneseTextWithTheSamePlaceholders()
    {
        foreach (var template in StatusNotes.All)
        {
            var count = System.Text.RegularExpressions.Regex.Matches(template.English, @"\{\d\}").Select(match => match.Value).Distinct().Count();
            object[] values = [.. Enumerable.Range(0, count).Select(index => $"value{index}")];

            Assert.Equal(values.Cast<string>(), template.Match(template.Format(values)));
            Assert.Equal(
                System.Text.RegularExpressions.Regex.Matches(template.English, @"\{\d\}").Select(match => match.Value).Distinct().Order(),
                System.Text.RegularExpressions.Regex.Matches(template.Japanese, @"\{\d\}").Select(match => match.Value).Distinct().Order());
            Assert.DoesNotMatch("[A-Za-z]{4,}", System.Text.RegularExpressions.Regex.Replace(template.Japanese, @"\{\d\}|GiB", ""));
        }
    }
}
