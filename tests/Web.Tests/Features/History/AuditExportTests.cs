using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.History;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Features.Approvals;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.History;

[Collection(AwsEnvironmentCollection.Name)]
public partial class AuditExportTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignedInPersonDownloadsTheFilteredAuditLogAsQuotedCsvWithUtcTimes()
    {
        await using var app = await DashboardApp.StartAsync();
        PendingProposal rejected;
        await using (var scope = app.As("ben", CuratorRoles.Curator))
        {
            var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
            rejected = (await Proposals.PendingAsync(approvals))[0];
            await approvals.RejectAsync(rejected.Id, "Not now, \"later\"\nmaybe next week", Cancellation);
        }

        using var client = HttpSignIn.Client(app, out _);
        using var signedIn = await HttpSignIn.SignInAsync(client, "daniel", "Viewer");
        using var response = await client.GetAsync(AuditExport.Url(new AuditFilter(Actor: "ben")), Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        using var everything = await client.GetAsync(AuditExport.Path, Cancellation);
        var all = Parse(await everything.Content.ReadAsStringAsync(Cancellation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition!.ToString());
        var rows = Parse(text);
        Assert.Equal(AuditCsv.Header.Split(','), rows[0]);
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal(["ben", "proposal.rejected", rejected.Repository], row[2..5]);
        Assert.Matches(UtcTime(), row[1]);
        using var details = JsonDocument.Parse(row[6]);
        Assert.Equal("Not now, \"later\"\nmaybe next week", details.RootElement.GetProperty("comment").GetString());
        Assert.Contains(",\"{\"\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Equal(await Proposals.CountAsync(app, "SELECT count(*) FROM audit_entries") + 1, all.Count);
        Assert.Equal(all.Skip(1).Select(each => DateTimeOffset.Parse(each[1], System.Globalization.CultureInfo.InvariantCulture)).OrderDescending(), all.Skip(1).Select(each => DateTimeOffset.Parse(each[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task TheExportTakesSeveralActionsAndListsAnExecutionsImagesFlat()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        await using (var scope = app.As("ben", CuratorRoles.Curator))
        {
            var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
            var pending = await Proposals.PendingAsync(approvals);
            await approvals.RejectAsync(pending[0].Id, null, Cancellation);
            await approvals.ApproveAsync(pending[1].Id, null, [], Cancellation);
            await Proposals.WaitForExecutionAsync(approvals, pending[1].Id);
        }

        using var client = HttpSignIn.Client(app, out _);
        using var signedIn = await HttpSignIn.SignInAsync(client, "daniel", "Viewer");
        var url = AuditExport.Url(new AuditFilter(Actions: ["proposal.rejected", "image.deleted"]));
        using var response = await client.GetAsync(url, Cancellation);
        var rows = Parse(await response.Content.ReadAsStringAsync(Cancellation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("action=proposal.rejected&action=image.deleted", url, StringComparison.Ordinal);
        Assert.Equal(
            await Proposals.CountAsync(app, "SELECT count(*) FROM audit_entries WHERE action IN ('proposal.rejected', 'image.deleted')"), (long)(rows.Count - 1));
        Assert.Equal(["image.deleted", "proposal.rejected"], rows.Skip(1).Select(row => row[3]).Distinct().Order());
    }

    [Fact]
    public async Task TheExportIsRefusedToAnyoneNotSignedIn()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        using var client = HttpSignIn.Client(app, out _);

        using var response = await client.GetAsync(AuditExport.Path, Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
    }

    /// <summary>RFC 4180: fields separated by commas, quoted fields may hold commas, line breaks and doubled quotes.</summary>
    public static List<string[]> Parse(string csv)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        for (var i = 0; i < csv.Length; i++)
        {
            switch (csv[i])
            {
                case '"' when field.Length == 0:
                    for (i++; csv[i] != '"' || (i + 1 < csv.Length && csv[i + 1] == '"'); i++)
                    {
                        // A doubled quote inside a quoted field is one quote.
                        field.Append(csv[i]);
                        if (csv[i] == '"')
                        {
                            i++;
                        }
                    }

                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' when i + 1 < csv.Length && csv[i + 1] == '\n':
                    i++;
                    fields.Add(field.ToString());
                    field.Clear();
                    rows.Add([.. fields]);
                    fields.Clear();
                    break;
                default:
                    field.Append(csv[i]);
                    break;
            }
        }

        Assert.True(fields.Count == 0 && field.Length == 0, "the CSV ends with a line break");
        return rows;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex UtcTime();
}
