using System.Net;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EcrCurator.Web.Tests.Hosting;

/// <summary>The keys that sign session cookies are kept in the database: with a certificate configured, only encrypted.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public sealed class DataProtectionTests : IDisposable
{
    private const string Password = "correct horse battery staple";

    private readonly TestCertificate keys = new("ecr-curator data protection", Password);

    [Fact]
    public async Task WithACertificateTheKeysAreStoredEncryptedAndAServerWithItReadsTheSessions()
    {
        string[] settings = [$"--Curator:DataProtection:CertificatePath={keys.Path}", $"--Curator:DataProtection:CertificatePassword={Password}"];
        string database;
        string session;
        await using (var first = await RunningServer.StartAsync(settings))
        {
            database = first.Database;
            session = await SignInAsync(first);
        }

        var stored = await KeysAsync(database);
        Assert.NotEmpty(stored);
        Assert.All(stored, key => Assert.Contains("<EncryptedData", key, StringComparison.Ordinal));
        Assert.All(stored, key => Assert.DoesNotContain("unencrypted", key, StringComparison.Ordinal));

        await using var second = await RunningServer.StartOnAsync(database, settings);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("Cookie", session);
        using var response = await second.Client.SendAsync(page, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ben · Curator", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(second.Logs.Entries, entry => entry.Level >= LogLevel.Warning && entry.Message.Contains("Curator:DataProtection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutACertificateAProductionServerWarnsAtStartThatTheKeysAreStoredInTheClear()
    {
        await using var server = await RunningServer.StartAsync(
            "--environment", "Production", "--Curator:SignIn:Mode=OpenIdConnect", "--Curator:SignIn:OpenIdConnect:Authority=https://login.example.com/",
            "--Curator:SignIn:OpenIdConnect:ClientId=ecr-curator", "--Curator:SignIn:OpenIdConnect:Roles:Admin:0=platform-admins");

        Assert.Contains(server.Logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("Curator:DataProtection:CertificatePath", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wrong password", "Curator:DataProtection:CertificatePassword")]
    [InlineData(null, "Curator:DataProtection:CertificatePath")]
    public async Task ACertificateThatCannotBeOpenedFailsTheStartNamingTheKey(string? password, string key)
    {
        var path = password is null ? keys.Path + ".missing" : keys.Path;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Web.Server.BuildAsync(
        [
            "--environment", "Development", "--ConnectionStrings:Curator=Host=127.0.0.1;Port=9", "--Curator:Database:MigrateOnStart=false",
            $"--Curator:DataProtection:CertificatePath={path}", $"--Curator:DataProtection:CertificatePassword={password ?? Password}",
        ]));

        Assert.Contains(key, refused.Message);
    }

    private static async Task<string> SignInAsync(RunningServer server)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var token = HttpSignIn.TokenIn(await client.GetStringAsync("/signin", TestContext.Current.CancellationToken));
        using var signedIn = await client.PostAsync("/signin/dev", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "ben", ["role"] = "Curator", ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return string.Join("; ", cookies.GetAllCookies().Where(cookie => cookie.Name.StartsWith(".EcrCurator.Session", StringComparison.Ordinal)).Select(cookie => $"{cookie.Name}={cookie.Value}"));
    }

    private static async Task<List<string>> KeysAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var keys = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public void Dispose() => keys.Dispose();
}
