using EcrCurator.Domain;
using EcrCurator.Infrastructure;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Worlds;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Features.Plan;

/// <summary>
/// <c>plan</c>: a dry run that prints what would be deleted and why. Until the AWS clients exist it decides on a
/// world file, under the policies of the configuration.
/// </summary>
public static class PlanCommand
{
    public const string Verb = "plan";

    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        try
        {
            var arguments = PlanArguments.Parse(args);
            var options = LoadOptions(arguments.Configuration);
            var world = WorldFile.Read(arguments.World);
            var plan = RetentionEngine.Evaluate(
                WorldInventory.From(world, options.ToTeamRules()),
                options.ToPolicySet(),
                [],
                arguments.Now ?? DateTimeOffset.UtcNow);
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
                PlanTable.Write(plan, output);
            }

            foreach (var reason in plan.IncompleteReasons)
            {
                errors.WriteLine($"Incomplete, nothing is proposed for deletion: {reason}");
            }

            return plan.IsComplete ? 0 : 1;
        }
        catch (Exception error) when (error is ArgumentException or OptionsValidationException or InvalidOperationException
                                          or WorldFormatException or IOException or UnauthorizedAccessException)
        {
            errors.WriteLine(error is OptionsValidationException invalid
                ? "Configuration error: " + string.Join(Environment.NewLine + "Configuration error: ", invalid.Failures)
                : error.Message);
            return CommandLine.BadInput;
        }
    }

    private static RetentionOptions LoadOptions(string[] configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configuration,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddInfrastructure();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
    }
}
