using EcrCurator.Domain;
using EcrCurator.Infrastructure;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Worlds;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Features.Plan;

/// <summary>
/// <c>plan</c>: a dry run that prints what would be deleted and why, read from the configured AWS accounts
/// (or from a world file with <c>--world</c>), decided under the policies of the configuration.
/// </summary>
public static class PlanCommand
{
    public const string Verb = "plan";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        try
        {
            var arguments = PlanArguments.Parse(args);
            using var host = BuildHost(arguments.Configuration, errors);
            var retention = host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
            var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var policies = retention.ToPolicySet();
            var read = arguments.World is { } file
                ? new InventoryRead(WorldInventory.From(WorldFile.Read(file), retention.ToTeamRules()), [])
                : await host.Services.GetRequiredService<InventoryReader>().ReadAsync(retention.ToTeamRules(), policies.DeepestRollback, CancellationToken.None);
            var plan = RetentionEngine.Evaluate(read.Inventory, policies, [], arguments.Now ?? DateTimeOffset.UtcNow);
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
                PlanJson.Write(plan, output);
            }
            else
            {
                PlanTable.Write(plan, storage, output);
            }

            foreach (var problem in read.Problems)
            {
                errors.WriteLine(problem);
            }

            foreach (var reason in plan.IncompleteReasons)
            {
                errors.WriteLine($"Incomplete, so nothing is proposed for deletion: {reason}");
            }

            return plan.IsComplete ? 0 : 1;
        }
        catch (OptionsValidationException invalid)
        {
            errors.WriteLine("Configuration error: " + string.Join(Environment.NewLine + "Configuration error: ", invalid.Failures));
            return CommandLine.BadInput;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or WorldFormatException
                                          or IOException or UnauthorizedAccessException or AwsCredentialsException)
        {
            errors.WriteLine(error.Message);
            return CommandLine.BadInput;
        }
    }

    /// <summary>The application's services with progress on standard error, so that standard output is only the plan.</summary>
    private static IHost BuildHost(string[] configuration, TextWriter errors)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configuration,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ProgressLoggerProvider(errors));
        builder.AddInfrastructure();
        var host = builder.Build();
        _ = host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        _ = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        _ = host.Services.GetRequiredService<IOptions<AwsOptions>>().Value;
        return host;
    }
}
