using System.Globalization;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Tokens;

/// <summary>
/// <c>token create --name NAME --scope SCOPE [--scope …] [--team TEAM]… [--expires-in-days N] --as NAME</c> prints the
/// new token alone on its last line (it is shown only this once); <c>token revoke NAME --as NAME</c> revokes one. For
/// bootstrapping automation without a browser; both are audited under the name given with <c>--as</c>.
/// </summary>
public static class TokenCommand
{
    public const string Verb = "token";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var (action, name, actor, scopes, teams, days, configuration) = Parse(args);
        using var host = CommandHost.Build(configuration, errors);
        await host.Database().MigrateAsync(CancellationToken.None);
        var time = host.Services.GetRequiredService<TimeProvider>();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync();
        try
        {
            if (action == "revoke")
            {
                await ApiTokens.RevokeAsync(db, name, actor, time.GetUtcNow(), CancellationToken.None);
                output.WriteLine($"Token {name} revoked.");
                return 0;
            }

            var token = await ApiTokens.CreateAsync(db, new TokenRequest(name, scopes, teams, days), actor, time.GetUtcNow(), CancellationToken.None);
            output.WriteLine($"Token {name} created with {string.Join(", ", scopes)}{(teams.Count == 0 ? "" : $" for {string.Join(", ", teams)}")}; it is shown only now:");
            output.WriteLine(token);
            return 0;
        }
        catch (DashboardException refused)
        {
            errors.WriteLine(refused.Message);
            return CommandLine.BadInput;
        }
    }

    private static (string Action, string Name, string Actor, List<string> Scopes, List<string> Teams, int? Days, string[] Configuration) Parse(string[] args)
    {
        var action = args.FirstOrDefault() is "create" or "revoke" ? args[0] : throw new ArgumentException("token needs create or revoke.");
        string? name = null, actor = null;
        int? days = null;
        var scopes = new List<string>();
        var teams = new List<string>();
        var configuration = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--name" when action == "create": name = Value(); break;
                case "--scope" when action == "create": scopes.Add(Value()); break;
                case "--team" when action == "create": teams.Add(Value()); break;
                case "--expires-in-days" when action == "create":
                    days = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException("--expires-in-days needs a whole number of days.");
                    break;
                case "--as": actor = Value(); break;
                case var token when action == "revoke" && name is null && !token.StartsWith("--", StringComparison.Ordinal): name = token; break;
                default: configuration.Add(args[i]); break;
            }
        }

        return (action,
            name ?? throw new ArgumentException(action == "create" ? "token create needs --name NAME." : "token revoke needs the token's name."),
            actor is null ? throw new ArgumentException($"token {action} needs --as NAME: who does it.") : Actors.RequirePerson(actor, "--as"),
            scopes, teams, days, [.. configuration]);
    }
}
