using System.Globalization;
using System.Text.RegularExpressions;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// Every note a proposal's status carries (why it waits, stopped or failed), in English and Japanese. A note is stored
/// in English (it is also what the audit log and the API say); <see cref="In"/> writes a stored note in a language,
/// reading its values back out of the English template, so the dashboard shows it in the person's language.
/// </summary>
public static partial class StatusNotes
{
    public static readonly StatusNote KillSwitch = new(
        "the kill switch is on; the execution resumes when it is off.",
        "緊急停止スイッチがオンです。オフになると実行を再開します。");

    /// <summary>{0} the window, {1} when it opens next (a time).</summary>
    public static readonly StatusNote OutsideWindow = new(
        "outside the execution window ({0}); it resumes at {1}.",
        "実行時間帯（{0}）の外です。{1} に再開します。");

    /// <summary>{0} why (itself a note).</summary>
    public static readonly StatusNote Stopped = new("Stopped: {0}", "停止しました：{0}");

    /// <summary>{0} the error.</summary>
    public static readonly StatusNote Interrupted = new(
        "Interrupted: {0}; the execution resumes where it stopped.",
        "中断しました：{0}。停止した箇所から実行を再開します。");

    /// <summary>{0} the error.</summary>
    public static readonly StatusNote Failed = new("The execution failed: {0}", "実行に失敗しました：{0}");

    public static readonly StatusNote ServerStopped = new("the server stopped", "サーバーが停止しました");

    /// <summary>{0} the verb (<see cref="Verbs"/>).</summary>
    public static readonly StatusNote AutoRunEveryImage = new(
        "AutoRun would {0} every image of the repository; a person must approve it.",
        "自動実行はリポジトリのすべてのイメージを{0}することになるため、人による承認が必要です。");

    /// <summary>{0} the verb, {1} candidates, {2} images, {3} the largest share allowed.</summary>
    public static readonly StatusNote AutoRunImageShare = new(
        "AutoRun would {0} {1} of {2} images, more than {3}; a person must approve it.",
        "自動実行は {2} 個中 {1} 個のイメージを{0}することになり、上限の {3} を超えるため、人による承認が必要です。");

    /// <summary>{0} the verb, {1} candidate bytes, {2} the repository's bytes, {3} the largest share allowed.</summary>
    public static readonly StatusNote AutoRunByteShare = new(
        "AutoRun would {0} {1} of {2} bytes, more than {3}; a person must approve it.",
        "自動実行は {2} バイト中 {1} バイトを{0}することになり、上限の {3} を超えるため、人による承認が必要です。");

    /// <summary>{0} the verb, {1} GiB, {2} the GiB allowed.</summary>
    public static readonly StatusNote AutoRunGib = new(
        "AutoRun would {0} {1} GiB, more than the {2} GiB allowed; a person must approve it.",
        "自動実行は {1} GiB を{0}することになり、許可された {2} GiB を超えるため、人による承認が必要です。");

    /// <summary>{0} the notice's hours, {1} when it ends (a time).</summary>
    public static readonly StatusNote AutoRunAfterNotice = new(
        "AutoRun executes it after its {0}-hour notice ends at {1}, unless it is held.",
        "保留されない限り、{0} 時間の予告期間が {1} に終わった後に自動実行します。");

    /// <summary>{0} the team, {1} the notice's hours.</summary>
    public static readonly StatusNote NoChannel = new(
        "No notification channel serves team {0}, so AutoRun cannot give the {1}-hour notice its policy asks for; a person must approve it.",
        "チーム {0} に通知チャネルがないため、ポリシーが求める {1} 時間の予告ができません。人による承認が必要です。");

    /// <summary>{0} the team, {1} the notice's hours.</summary>
    public static readonly StatusNote AutoRunWaits = new(
        "AutoRun waits until team {0} has been notified, then {1} hours.",
        "自動実行はチーム {0} への通知を待ち、その後 {1} 時間待ちます。");

    /// <summary>{0} when the notice ends (a time), {1} the notice's hours.</summary>
    public static readonly StatusNote UnderNotice = new(
        "Approved under notice: executes after {0}, when the team's {1}-hour notice ends, unless an Admin overrides.",
        "予告期間中に承認されました：チームの {1} 時間の予告期間が終わる {0} 以降に実行します（管理者が上書きした場合を除く）。");

    public static readonly StatusNote RepositoryGone = new("The repository no longer exists.", "リポジトリはもう存在しません。");

    /// <summary>What executing a proposal does to its candidates, as the AutoRun notes say it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Verbs = new Dictionary<string, string>
    {
        ["delete"] = "削除", ["quarantine"] = "隔離", ["delete or quarantine"] = "削除または隔離",
    };

    public static IReadOnlyList<StatusNote> All { get; } =
    [
        KillSwitch, OutsideWindow, Stopped, Interrupted, Failed, ServerStopped, AutoRunEveryImage, AutoRunImageShare, AutoRunByteShare,
        AutoRunGib, AutoRunAfterNotice, NoChannel, AutoRunWaits, UnderNotice, RepositoryGone,
    ];

    /// <summary>How a time is written into a note: ISO 8601 in UTC, which <see cref="In"/> finds and rewrites.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A stored note in a language (<c>ja</c>, else English), its times written by <paramref name="time"/> (the display zone).
    /// A note no template matches (an AWS error's own words) is returned as it is.
    /// </summary>
    public static string In(string language, string note, Func<DateTimeOffset, string> time)
    {
        var japanese = language.StartsWith("ja", StringComparison.OrdinalIgnoreCase);
        foreach (var template in All)
        {
            if (template.Match(note) is { } values)
            {
                object[] written = [.. values.Select(value => Value(language, japanese, value, time))];
                return string.Format(CultureInfo.InvariantCulture, japanese ? template.Japanese : template.English, written);
            }
        }

        return Times().Replace(note, match => time(ParseTime(match.Value)));
    }

    private static string Value(string language, bool japanese, string value, Func<DateTimeOffset, string> time)
    {
        if (Times().Match(value) is { Success: true } at && at.Length == value.Length)
        {
            return time(ParseTime(value));
        }

        if (japanese && Verbs.TryGetValue(value, out var verb))
        {
            return verb;
        }

        return In(language, value, time);
    }

    private static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.ParseExact(value, "yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z")]
    private static partial Regex Times();
}

/// <summary>A note's template in English (stored) and Japanese, with <c>{0}</c>… for its values.</summary>
public sealed class StatusNote(string english, string japanese)
{
    private readonly Regex _pattern = new(
        "^" + Regex.Replace(Regex.Escape(english), @"\\\{(\d)}", "(?<v$1>.+)") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    public string English { get; } = english;

    public string Japanese { get; } = japanese;

    /// <summary>The note in English (as stored), its values written with the invariant culture.</summary>
    public string Format(params object[] values) => string.Format(CultureInfo.InvariantCulture, English, values);

    /// <summary>
    /// The values of a note written from this template, or null when it was not. Each value takes as much as the rest
    /// of the template allows ("delete or quarantine 6 of 10 images" is the verb "delete or quarantine" and 6).
    /// </summary>
    public string[]? Match(string note)
    {
        var match = _pattern.Match(note);
        if (!match.Success)
        {
            return null;
        }

        var count = match.Groups.Keys.Count(name => name.StartsWith('v'));
        return [.. Enumerable.Range(0, count).Select(index => match.Groups["v" + index].Value)];
    }
}
