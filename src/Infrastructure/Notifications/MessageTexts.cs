using System.Globalization;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary>The sentences of the messages, in English and Japanese (a channel's language).</summary>
public static class MessageTexts
{
    private static readonly Dictionary<string, (string En, string Ja)> Texts = new()
    {
        ["ProposalsTitle"] = ("{0} new deletion proposals for team {1}", "チーム {1} の新しい削除提案 {0} 件"),
        ["ProposalsText"] = ("Snapshot {0} proposes to delete these images. Open a repository to see why and to pin an image that must stay, or ask for a hold.",
            "スナップショット {0} はこれらのイメージの削除を提案しています。リポジトリを開いて理由を確認し、残すべきイメージをピン留めするか、保留を依頼してください。"),
        ["NoticeTitle"] = ("AutoRun will delete images of team {0}", "AutoRun がチーム {0} のイメージを削除します"),
        ["NoticeText"] = ("AutoRun deletes these after a notice of {0} hours, unless an image is pinned or a hold is asked for.",
            "{0} 時間の予告期間の後、AutoRun がこれらを削除します。イメージをピン留めするか保留を依頼すれば止められます。"),
        ["FinishedTitle"] = ("Deleted from {0}", "{0} から削除しました"),
        ["FinishedText"] = ("Proposal {0} {1}: {2} images deleted, {3} freed, {4} skipped.", "提案 {0} は {1}: {2} 個のイメージを削除、{3} を解放、{4} 個をスキップしました。"),
        ["FailedTitle"] = ("Execution stopped: {0}", "実行が停止しました: {0}"),
        ["FailedText"] = ("The execution of proposal {0} stopped: {1}", "提案 {0} の実行が停止しました: {1}"),
        ["IncompleteTitle"] = ("Snapshot {0} is incomplete", "スナップショット {0} は不完全です"),
        ["IncompleteText"] = ("Some sources could not be read, so nothing that depends on them is proposed for deletion.",
            "読み取れなかったソースがあるため、それに依存する削除は提案されません。"),
        ["SilentTitle"] = ("{0} expected usage reporters are silent", "期待される利用状況レポーターのうち {0} 件が沈黙しています"),
        ["SilentText"] = ("What they run is unknown, so nothing is deleted until they report again.",
            "それらが何を実行しているか不明なため、再び報告されるまで何も削除されません。"),
        ["ExpiringTitle"] = ("Quarantined images of team {0} become deletable within {1} days", "チーム {0} の隔離中のイメージが {1} 日以内に削除可能になります"),
        ["ExpiringText"] = ("Once deletable they are proposed for deletion again. Restore an image that must stay before then.",
            "削除可能になると再び削除が提案されます。残すべきイメージはそれまでに復元してください。"),
        ["Expiring"] = ("{0}: {1} images, {2}, deletable from {3}", "{0}: {1} 個のイメージ、{2}、{3} から削除可能"),
        ["TestTitle"] = ("Test message from ECR Curator", "ECR Curator からのテストメッセージ"),
        ["TestText"] = ("Channel {0} works: {1} sent this test.", "チャンネル {0} は動作しています: {1} がこのテストを送信しました。"),
        ["Candidates"] = ("{0}: {1} images, {2}", "{0}: {1} 個のイメージ、{2}"),
        ["NotBefore"] = ("{0}: {1} images, {2}, not before {3}", "{0}: {1} 個のイメージ、{2}、{3} 以降"),
        ["Hold"] = ("Ask for a hold", "保留を依頼"),
        ["Outcome"] = ("{0}: {1}", "{0}: {1}"),
    };

    public static string Of(string language, string key, params object?[] values)
    {
        var (en, ja) = Texts[key];
        return string.Format(CultureInfo.InvariantCulture, language == "ja" ? ja : en, values);
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
