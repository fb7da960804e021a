using System.Globalization;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Quarantine;

namespace EcrCurator.Web.Features.Quarantine;

/// <summary>
/// <c>restore --proposal N --as NAME</c> restores what that proposal's execution quarantined;
/// <c>restore --repository ACCOUNT/REGION/NAME --digest D [--digest D]... --as NAME</c> the images named. Each image is
/// pinned "restored from quarantine" and audited; the job server follows the restores until ECR reports them ACTIVE.
/// </summary>
public static class RestoreCommand
{
    public const string Verb = "restore";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var (proposal, repository, digests, actor, configuration) = Parse(args);
        using var host = CommandHost.Build(configuration, errors);
        await host.Database().MigrateAsync(CancellationToken.None);
        var restores = host.Services.GetRequiredService<RestoreService>();
        var result = proposal is { } id
            ? await restores.RestoreExecutionAsync(id, actor, CancellationToken.None)
            : await restores.RestoreAsync(repository!.Value, digests, actor, CancellationToken.None);
        output.WriteLine($"Restore of {result.Statuses.Count} images of {result.Repository} requested by {actor}; each is pinned \"{RestoreService.PinReason}\".");
        foreach (var (digest, status) in result.Statuses.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {digest} {status}");
        }

        output.WriteLine("ECR restores within about 20 minutes; the server's job marks each image ACTIVE when ECR reports it.");
        return 0;
    }

    private static (long? Proposal, RepositoryKey? Repository, List<string> Digests, string Actor, string[] Configuration) Parse(string[] args)
    {
        long? proposal = null;
        RepositoryKey? repository = null;
        string? actor = null;
        var digests = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--as": actor = Value(); break;
                case "--digest": digests.Add(Value()); break;
                case "--proposal":
                    var number = Value();
                    proposal = long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                        ? parsed
                        : throw new ArgumentException($"--proposal needs a proposal's number, not '{number}'.");
                    break;
                case "--repository":
                    var key = Value();
                    repository = key.Split('/', 3) is [var account, var region, var name] && account.Length == 12 && account.All(char.IsAsciiDigit)
                        ? new RepositoryKey(account, region, name)
                        : throw new ArgumentException($"--repository needs ACCOUNT/REGION/NAME (e.g. 111111111111/ap-northeast-1/care/api), not '{key}'.");
                    break;
                default: configuration.Add(args[i]); break;
            }
        }

        if (actor is null)
        {
            throw new ArgumentException("restore needs --as NAME: who restores.");
        }

        return (proposal, repository, digests.Count) switch
        {
            (not null, null, 0) => (proposal, null, digests, actor, [.. configuration]),
            (null, not null, > 0) => (null, repository, digests, actor, [.. configuration]),
            _ => throw new ArgumentException("restore needs either --proposal N, or --repository ACCOUNT/REGION/NAME with one --digest D or more."),
        };
    }
}
