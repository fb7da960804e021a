using EcrCurator.Domain;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Infrastructure.Reports;
using EcrCurator.Worlds;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Features.Plan;

/// <summary>
/// <c>plan</c>: a dry run that prints what would be deleted and why, read from the configured AWS accounts
/// (or from a world file with <c>--world</c>), decided under the policies of the configuration and, when a database
/// is configured, the pins, policies and usage reports stored there.
/// </summary>
public static class PlanCommand
{
    public const string Verb = "plan";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var arguments = PlanArguments.Parse(args);
        using var host = CommandHost.Build(arguments.Configuration, errors);
        var retention = host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var policies = retention.ToPolicySet();
        IReadOnlyList<Pin> pins = [];
        var now = arguments.Now ?? DateTimeOffset.UtcNow;
        ReportedUsage? reported = null;
        IReadOnlyList<QuarantinedImage> quarantined = [];
        if (host.Services.GetService<IDbContextFactory<CuratorDbContext>>() is { } contexts)
        {
            await using var db = await contexts.CreateDbContextAsync();
            policies = await StoredPolicies.OverAsync(policies, db, CancellationToken.None);
            pins = await StoredPolicies.PinsAsync(db, CancellationToken.None);
            reported = await ReportedUsage.ReadAsync(db, now, CancellationToken.None);
            quarantined = await StoredPolicies.QuarantinesAsync(db, CancellationToken.None);
        }

        var read = arguments.World is { } file
            ? new InventoryRead(WorldInventory.From(WorldFile.Read(file), retention.ToTeamRules()), [])
            : await host.Services.GetRequiredService<InventoryReader>().ReadAsync(retention.ToTeamRules(), policies.DeepestRollback, KnownManifests.None, CancellationToken.None);
        var plan = RetentionEngine.Evaluate(reported?.AddTo(read.Inventory) ?? read.Inventory, policies, pins, now, quarantined);
        if (arguments.Repository is { } name)
        {
            plan = plan with { Repositories = [.. plan.Repositories.Where(repository => repository.Repository.Key.Name == name)] };
            if (plan.Repositories.Count == 0)
            {
                throw new ArgumentException($"No curated repository is named '{name}'.");
            }
        }

        if (arguments.Json)
        {
            PlanJson.Write(plan, read.Incomplete, output);
        }
        else
        {
            PlanTable.Write(plan, storage, output);
        }

        foreach (var line in read.Problems.Concat(read.Notes))
        {
            errors.WriteLine(line);
        }

        foreach (var reason in plan.IncompleteReasons)
        {
            errors.WriteLine($"Incomplete, so nothing is proposed for deletion: {reason}");
        }

        return plan.IsComplete ? 0 : 1;
    }
}
