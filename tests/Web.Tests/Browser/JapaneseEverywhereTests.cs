using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Web.Components;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Features.Approvals;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>
/// The dashboard in Japanese leaves no English behind: no text of an English resource, the app's or MudBlazor's own, on any
/// page, with executions, notes, pins, reasons and outcomes on them.
/// </summary>
[Collection(AwsEnvironmentCollection.Name)]
public partial class JapaneseEverywhereTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NoEnglishResourceTextAppearsOnAnyPageRenderedInJapanese()
    {
        await using var app = await DashboardApp.StartAsync();
        long executed, rejected, noted;
        await using (var scope = app.As("ben", CuratorRoles.Curator))
        {
            var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
            var pending = await Proposals.PendingAsync(approvals);
            executed = pending.First(each => each.Candidates >= 2).Id;
            rejected = pending.First(each => each.Id != executed).Id;
            noted = pending.First(each => each.Id != executed && each.Id != rejected).Id;
            await approvals.RejectAsync(rejected, "後で", Cancellation);
            var candidate = (await approvals.ProposalAsync(executed, Cancellation))!.Candidates[0].Digest;
            await approvals.ApproveAsync(executed, "整理", [candidate], Cancellation);
            await Proposals.WaitForExecutionAsync(approvals, executed);
        }

        var note = StatusNotes.AutoRunImageShare.Format("delete or quarantine", 6, 10, "50 %");
        await WebTestDatabase.ExecuteAsync(app.Database, $"UPDATE proposals SET status_reason = '{note}' WHERE id = {noted}");
        var repository = await WebTestDatabase.CountAsync(app.Database, "SELECT id FROM repositories ORDER BY image_count DESC, id LIMIT 1");
        var english = EnglishTexts();
        await using var browser = await DashboardBrowser.SignInAsync(app, "chiara", CuratorRoles.Admin, "/", locale: "ja-JP");
        var found = new List<string>();

        foreach (var page in new[] { "/", "/repositories", $"/repositories/{repository}", "/approvals", $"/approvals/{executed}", $"/approvals/{rejected}", $"/approvals/{noted}", "/pins", "/settings", "/my-teams", "/search?q=v1.0", "/search?q=sha256:00000000" })
        {
            await browser.GoToAsync(page);
            found.AddRange(await EnglishOnPageAsync(browser, page, english));
        }

        await browser.GoToAsync($"/approvals/{noted}");
        await Microsoft.Playwright.Assertions.Expect(browser.TestId("status-reason"))
            .ToHaveTextAsync("自動実行は 10 個中 6 個のイメージを削除または隔離することになり、上限の 50 % を超えるため、人による承認が必要です。");
        await browser.GoToAsync("/history");
        await browser.TestId("expand-outcomes").First.ClickAsync();
        found.AddRange(await EnglishOnPageAsync(browser, "/history (executions)", english));
        await browser.Page.Locator(".mud-tab").Nth(1).ClickAsync();
        await browser.TestId("execution-images").First.ClickAsync();
        found.AddRange(await EnglishOnPageAsync(browser, "/history (audit log)", english));

        Assert.True(found.Count == 0, "English left on Japanese pages:\n" + string.Join("\n", found.Distinct()));
    }

    /// <summary>The texts a page shows (and says to screen readers) that are one of the English resources' texts.</summary>
    private static async Task<IEnumerable<string>> EnglishOnPageAsync(DashboardBrowser browser, string page, IReadOnlyList<(string Text, Regex Pattern)> english)
    {
        await browser.SettleAsync();
        await browser.ScreenshotAsync(page.Trim('/').Replace('/', '-') is { Length: > 0 } name ? name : "overview");
        var shown = await browser.Page.EvaluateAsync<string>(Shown);
        return english.Where(text => text.Pattern.IsMatch(shown)).Select(text => $"{page}: \"{text.Text}\"");
    }

    /// <summary>
    /// What the page shows and says to screen readers, but data marked <c>translate="no"</c> (HTML's own way to say "not
    /// words of this language": audit details, a policy's own descriptions, codes to type).
    /// </summary>
    private const string Shown = """
        () => {
            const data = [...document.querySelectorAll('[translate=no]')];
            data.forEach(element => element.dataset.display = element.style.display);
            data.forEach(element => element.style.display = 'none');
            const text = document.body.innerText + '\n' + [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label')).join('\n');
            data.forEach(element => element.style.display = element.dataset.display);
            return text;
        }
        """;

    /// <summary>
    /// Every English text of the app's resources and of MudBlazor's that Japanese says differently, cut at its
    /// placeholders; each piece of at least two words or one of at least 4 letters, matched as whole words, unless the
    /// Japanese texts use it too.
    /// </summary>
    private static List<(string Text, Regex Pattern)> EnglishTexts()
    {
        var web = typeof(SharedText).Assembly;
        var managers = web.GetTypes().Where(type => type.Name.EndsWith("Text", StringComparison.Ordinal) && type.IsSealed)
            .Select(type => new ResourceManager(type.FullName!, web))
            .Append(new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudBlazor.MudButton).Assembly));
        var texts = new HashSet<string>(StringComparer.Ordinal);
        var japaneseTexts = new List<string>();
        foreach (var manager in managers)
        {
            var japanese = Entries(manager.GetResourceSet(CultureInfo.GetCultureInfo("ja"), createIfNotExists: true, tryParents: false));
            japaneseTexts.AddRange(japanese.Values);
            foreach (var (key, value) in Entries(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)))
            {
                if (japanese.GetValueOrDefault(key) == value)
                {
                    continue;
                }

                foreach (var piece in Placeholder().Split(value).Select(piece => piece.Trim(' ', '.', ',', ':', ';', '(', ')', '·', '—', '-', '\'')))
                {
                    if (piece.Contains(' ') ? piece.Count(char.IsLetter) >= 4 : piece.Count(char.IsLetter) >= 4 && piece.All(c => char.IsLetter(c) || c == '-'))
                    {
                        texts.Add(piece);
                    }
                }
            }
        }

        // A term the Japanese texts use themselves (AutoRun, GiB, Webhook URL) is not English left behind.
        return
        [
            .. texts.Select(text => (Text: text, Pattern: new Regex($@"(?<![\w-]){Regex.Escape(text)}(?![\w-])", RegexOptions.CultureInvariant)))
                .Where(text => !japaneseTexts.Any(japanese => text.Pattern.IsMatch(japanese))),
        ];
    }

    private static Dictionary<string, string> Entries(ResourceSet? set) =>
        set?.Cast<DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!) ?? [];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
