using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Web.Tests.Features.Plan;
using EcrCurator.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Api;

/// <summary>The automation API over real HTTP against the whole product (SPEC 11, issue 18).</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class ApiTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APinCreatedWithAPinsWriteTokenKeepsTheImageInTheNextSnapshot()
    {
        await using var app = await DashboardApp.StartAsync();
        var candidate = await CandidateAsync(app);
        using var deploy = ApiClient.For(app, ApiClient.CreateToken(app, "deploy", "--scope", "pins:write", "--scope", "read"));

        using var created = await deploy.PostAsJsonAsync("api/v1/pins", new
        {
            accountId = candidate.AccountId, region = candidate.Region, repository = candidate.Repository, digest = candidate.Digest, reason = "release 42",
        }, Cancellation);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pin = await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var id = pin.GetProperty("id").GetInt64();
        Assert.Equal(candidate.Digest, pin.GetProperty("digest").GetString());
        Assert.Equal("token:deploy", pin.GetProperty("pinnedBy").GetString());
        Assert.EndsWith($"/api/v1/pins/{id}", created.Headers.Location!.ToString(), StringComparison.Ordinal);

        await app.SnapshotAsync();
        var image = await ImageAsync(app, candidate.Digest);
        Assert.Equal("keep", image.Decision);
        Assert.Contains("pinned", image.Reasons);
        var audited = await ReadAsync(app, db => db.AuditEntries.Where(entry => entry.Action == "pin.created").Select(entry => entry.Actor).ToListAsync(Cancellation));
        Assert.Equal(["token:deploy"], audited);

        using var removed = await deploy.DeleteAsync($"api/v1/pins/{id}", Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(0, await ReadAsync(app, db => db.Pins.CountAsync(Cancellation)));
    }

    [Fact]
    public async Task APinNamedByTagPinsTheDigestTheTagNamesAndASecondPinConflicts()
    {
        await using var app = await DashboardApp.StartAsync();
        var tagged = await ReadAsync(app, db => db.Images.Where(image => image.Tags.Length > 0 && image.GoneAt == null)
            .Join(db.Repositories, image => image.RepositoryId, repository => repository.Id, (image, repository) => new { repository.AccountId, repository.Region, repository.Name, image.Digest, Tag = image.Tags[0] })
            .FirstAsync(Cancellation));
        using var deploy = ApiClient.For(app, ApiClient.CreateToken(app, "deploy", "--scope", "pins:write"));
        var body = new { accountId = tagged.AccountId, region = tagged.Region, repository = tagged.Name, tag = tagged.Tag, reason = "release", expiresAt = DateTimeOffset.UtcNow.AddDays(3) };

        using var created = await deploy.PostAsJsonAsync("api/v1/pins", body, Cancellation);
        using var again = await deploy.PostAsJsonAsync("api/v1/pins", body, Cancellation);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(tagged.Digest, (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("digest").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already pinned", (await again.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadTokenIsRefusedWith403AndAnExpiredOrRevokedTokenWith401()
    {
        await using var app = await DashboardApp.StartAsync();
        var candidate = await CandidateAsync(app);
        var pin = new { accountId = candidate.AccountId, region = candidate.Region, repository = candidate.Repository, digest = candidate.Digest, reason = "x" };
        using var reader = ApiClient.For(app, ApiClient.CreateToken(app, "dashboards", "--scope", "read"));
        var expired = ApiClient.CreateToken(app, "old-pipeline", "--scope", "pins:write", "--scope", "read");
        await WebTestDatabase.ExecuteAsync(app.Database, "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE name = 'old-pipeline'");
        var revoked = ApiClient.CreateToken(app, "leaked", "--scope", "pins:write", "--scope", "read");
        Assert.Equal(0, PlanRun.Of("token", "revoke", "leaked", "--as", "alice", $"--ConnectionStrings:Curator={app.Database}").ExitCode);

        using var refused = await reader.PostAsJsonAsync("api/v1/pins", pin, Cancellation);
        using var read = await reader.GetAsync("api/v1/pins", Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        foreach (var token in new[] { expired, revoked, null, "ecrc_1_not-the-secret", "something else" })
        {
            using var client = ApiClient.For(app, token);
            using var answer = await client.GetAsync("api/v1/pins", Cancellation);
            using var pinning = await client.PostAsJsonAsync("api/v1/pins", pin, Cancellation);
            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (answer.StatusCode, pinning.StatusCode));
            Assert.Equal("Bearer", answer.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal(401, (await answer.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetInt32());
        }

        Assert.Equal(0, await ReadAsync(app, db => db.Pins.CountAsync(Cancellation)));
        var actions = await ReadAsync(app, db => db.AuditEntries.Where(entry => entry.Action.StartsWith("token.")).Select(entry => new { entry.Actor, entry.Action, entry.Target }).ToListAsync(Cancellation));
        Assert.Contains(actions, entry => entry is { Actor: "alice", Action: "token.revoked", Target: "token:leaked" });
        Assert.Equal(3, actions.Count(entry => entry.Action == "token.created"));
    }

    [Fact]
    public async Task ATeamRestrictedTokenCannotSeeOrChangeAnotherTeamsRepository()
    {
        await using var app = await DashboardApp.StartAsync();
        var teams = await ReadAsync(app, db => db.Repositories.Select(repository => repository.Team).Distinct().OrderBy(team => team).ToListAsync(Cancellation));
        var (mine, theirs) = (teams[0], teams[1]);
        var other = await CandidateAsync(app, theirs);
        using var client = ApiClient.For(app, ApiClient.CreateToken(app, "team-bot", "--scope", "read", "--scope", "pins:write", "--team", mine));

        var listed = await client.GetFromJsonAsync<JsonElement>("api/v1/repositories?pageSize=500", Cancellation);
        using var images = await client.GetAsync($"api/v1/repositories/{other.AccountId}/{other.Region}/{Uri.EscapeDataString(other.Repository)}/images", Cancellation);
        using var pinning = await client.PostAsJsonAsync("api/v1/pins", new { accountId = other.AccountId, region = other.Region, repository = other.Repository, digest = other.Digest, reason = "x" }, Cancellation);
        var filtered = await client.GetFromJsonAsync<JsonElement>($"api/v1/repositories?team={Uri.EscapeDataString(theirs)}", Cancellation);

        var seen = listed.GetProperty("rows").EnumerateArray().Select(row => row.GetProperty("team").GetString()).Distinct().ToList();
        Assert.Equal([mine], seen);
        Assert.Equal(await ReadAsync(app, db => db.Repositories.CountAsync(repository => repository.Team == mine, Cancellation)), listed.GetProperty("total").GetInt32());
        Assert.Equal(0, filtered.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, images.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pinning.StatusCode);
        Assert.Equal(0, await ReadAsync(app, db => db.Pins.CountAsync(Cancellation)));

        await using (var admin = app.As("alice", Web.SignIn.CuratorRoles.Admin))
        {
            await admin.ServiceProvider.GetRequiredService<Web.Features.Pins.PinsService>()
                .PinAsync(other.AccountId, other.Region, other.Repository, other.Digest, "theirs", null, Cancellation);
        }

        var pins = await client.GetFromJsonAsync<JsonElement>("api/v1/pins", Cancellation);
        using var unpinning = await client.DeleteAsync($"api/v1/pins/{await ReadAsync(app, db => db.Pins.Select(row => row.Id).SingleAsync(Cancellation))}", Cancellation);
        Assert.Equal(0, pins.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unpinning.StatusCode);
        Assert.Equal(1, await ReadAsync(app, db => db.Pins.CountAsync(Cancellation)));

        var own = await CandidateAsync(app, mine);
        var page = await client.GetFromJsonAsync<JsonElement>($"api/v1/repositories/{own.AccountId}/{own.Region}/{Uri.EscapeDataString(own.Repository)}/images?decision=delete", Cancellation);
        Assert.Contains(page.GetProperty("images").EnumerateArray(), image => image.GetProperty("digest").GetString() == own.Digest);
        Assert.All(page.GetProperty("images").EnumerateArray(), image => Assert.Equal("delete", image.GetProperty("decision").GetString()));
    }

    [Fact]
    public async Task RateLimitingAnswers429WithRetryAfterPerToken()
    {
        await using var app = await DashboardApp.StartAsync(settings: "--Curator:Api:RequestsPerMinute=3");
        using var busy = ApiClient.For(app, ApiClient.CreateToken(app, "busy", "--scope", "read"));
        using var calm = ApiClient.For(app, ApiClient.CreateToken(app, "calm", "--scope", "read"));

        var answers = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 4; i++)
        {
            var answer = await busy.GetAsync("api/v1/pins", Cancellation);
            answers.Add(answer.StatusCode);
            refused = answer;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.InRange(refused!.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(429, (await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("api/v1/pins", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentListsEveryEndpointAndTheReferencePageDescribesThem()
    {
        await using var app = await DashboardApp.StartAsync();
        using var anonymous = ApiClient.For(app, null);

        var document = await anonymous.GetFromJsonAsync<JsonElement>("api/v1/openapi.json", Cancellation);
        var reference = await anonymous.GetStringAsync("api/v1/reference", Cancellation);

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}")).Order().ToList();
        Assert.Equal(
            [
                "DELETE /api/v1/pins/{id}", "GET /api/v1/pins", "GET /api/v1/proposals", "GET /api/v1/repositories",
                "GET /api/v1/repositories/{accountId}/{region}/{name}/images", "POST /api/v1/pins", "POST /api/v1/usage-reports",
            ],
            operations);
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("token", out _));
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        foreach (var path in new[] { "/api/v1/pins/{id}", "/api/v1/proposals", "/api/v1/repositories/{accountId}/{region}/{name}/images", "/api/v1/usage-reports" })
        {
            Assert.Contains(WebUtility.HtmlEncode(path), reference, StringComparison.Ordinal);
        }

        Assert.Contains("pins:write", reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUsageReportKeepsWhatItNamesAndTheProposalsEndpointNoLongerListsIt()
    {
        await using var app = await DashboardApp.StartAsync();
        var candidate = await CandidateAsync(app);
        var host = $"{candidate.AccountId}.dkr.ecr.{candidate.Region}.amazonaws.com";
        using var reporter = ApiClient.For(app, ApiClient.CreateToken(app, "eks-prod", "--scope", "usage:report"));
        using var reader = ApiClient.For(app, ApiClient.CreateToken(app, "reader", "--scope", "read"));
        var pending = await reader.GetFromJsonAsync<JsonElement>("api/v1/proposals?pageSize=500", Cancellation);
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), proposal => proposal.GetProperty("candidateDigests").EnumerateArray().Any(digest => digest.GetString() == candidate.Digest));

        using var bad = await reporter.PostAsJsonAsync("api/v1/usage-reports", new { source = "eks/prod", images = Array.Empty<string>(), expiresInHours = 721 }, Cancellation);
        using var notAllowed = await reader.PostAsJsonAsync("api/v1/usage-reports", new { source = "eks/prod", images = Array.Empty<string>(), expiresInHours = 1 }, Cancellation);
        using var accepted = await reporter.PostAsJsonAsync("api/v1/usage-reports", new
        {
            source = "eks/prod", images = new[] { $"{host}/{candidate.Repository}@{candidate.Digest}", "docker.io/library/busybox@sha256:00" }, expiresInHours = 48,
        }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("expiresInHours", (await bad.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var receipt = await accepted.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal((2, 1), (receipt.GetProperty("images").GetInt32(), receipt.GetProperty("ecrImages").GetInt32()));

        await app.SnapshotAsync();
        var image = await ImageAsync(app, candidate.Digest);
        Assert.Equal("keep", image.Decision);
        Assert.Equal(["report:eks/prod"], image.UsedBy);
        var after = await reader.GetFromJsonAsync<JsonElement>("api/v1/proposals?pageSize=500", Cancellation);
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), proposal => proposal.GetProperty("candidateDigests").EnumerateArray().Any(digest => digest.GetString() == candidate.Digest));
        Assert.Equal(1, await ReadAsync(app, db => db.AuditEntries.CountAsync(entry => entry.Action == "usage.reported" && entry.Actor == "token:eks-prod", Cancellation)));
        Assert.NotNull(await ReadAsync(app, db => db.ApiTokens.Where(token => token.Name == "eks-prod").Select(token => token.LastUsedAt).SingleAsync(Cancellation)));
    }

    [Fact]
    public async Task TheTokenCommandNeedsAKnownScopeAndSaysWhatIsWrong()
    {
        await using var app = await DashboardApp.StartAsync();

        var unknown = PlanRun.Of("token", "create", "--name", "x", "--scope", "delete", "--as", "alice", $"--ConnectionStrings:Curator={app.Database}");
        var noActor = PlanRun.Of("token", "create", "--name", "x", "--scope", "read", $"--ConnectionStrings:Curator={app.Database}");
        ApiClient.CreateToken(app, "twice", "--scope", "read");
        var twice = PlanRun.Of("token", "create", "--name", "twice", "--scope", "read", "--as", "alice", $"--ConnectionStrings:Curator={app.Database}");

        Assert.Equal((2, 2, 2), (unknown.ExitCode, noActor.ExitCode, twice.ExitCode));
        Assert.Contains("'delete' is not a scope", unknown.Errors, StringComparison.Ordinal);
        Assert.Contains("--as NAME", noActor.Errors, StringComparison.Ordinal);
        Assert.Contains("exists already", twice.Errors, StringComparison.Ordinal);
        Assert.Single(await ReadAsync(app, db => db.ApiTokens.ToListAsync(Cancellation)));
    }

    private static async Task<(string AccountId, string Region, string Repository, string Team, string Digest)> CandidateAsync(DashboardApp app, string? team = null)
    {
        var found = await ReadAsync(app, db => db.Images.Where(image => image.Decision == "delete" && image.GoneAt == null)
            .Join(db.Repositories, image => image.RepositoryId, repository => repository.Id, (image, repository) => new { repository.AccountId, repository.Region, repository.Name, repository.Team, image.Digest })
            .Where(row => team == null || row.Team == team)
            .OrderBy(row => row.Name).ThenBy(row => row.Digest).FirstAsync(Cancellation));
        return (found.AccountId, found.Region, found.Name, found.Team, found.Digest);
    }

    private static Task<Infrastructure.Persistence.Model.ImageRow> ImageAsync(DashboardApp app, string digest) =>
        ReadAsync(app, db => db.Images.AsNoTracking().Where(image => image.Digest == digest && image.GoneAt == null).FirstAsync(Cancellation));

    private static async Task<T> ReadAsync<T>(DashboardApp app, Func<CuratorDbContext, Task<T>> read)
    {
        await using var db = await app.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(Cancellation);
        return await read(db);
    }
}
