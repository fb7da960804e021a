using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.Database;
using EcrCurator.Web.Features.Plan;
using EcrCurator.Web.Features.Quarantine;
using EcrCurator.Infrastructure.Quarantine;
using EcrCurator.Web.Features.Snapshots;
using EcrCurator.Worlds;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EcrCurator.Web;

/// <summary>The verbs the application answers (SPEC 7).</summary>
public static class CommandLine
{
    public const int BadInput = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        errors ??= Console.Error;
        try
        {
            return await DispatchAsync(args, output, errors);
        }
        catch (OptionsValidationException invalid)
        {
            errors.WriteLine("Configuration error: " + string.Join(Environment.NewLine + "Configuration error: ", invalid.Failures));
            return BadInput;
        }
        catch (SnapshotRunningException running)
        {
            errors.WriteLine(running.Message);
            return 1;
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidOperationException or WorldFormatException
                                          or IOException or UnauthorizedAccessException or AwsCredentialsException or NpgsqlException
                                          or ApprovalException or ExecutionRefusedException or RestoreException or AwsException)
        {
            // Bad input, or something a person must set up or decide: one line that says what, no stack trace.
            errors.WriteLine(error.Message);
            return BadInput;
        }
    }

    private static async Task<int> DispatchAsync(string[] args, TextWriter output, TextWriter errors)
    {
        switch (args)
        {
            case [PlanCommand.Verb, .. var rest]:
                return await PlanCommand.RunAsync(rest, output, errors);
            case [SnapshotCommand.Verb, .. var rest]:
                return await SnapshotCommand.RunAsync(rest, output, errors);
            case [MigrateCommand.Verb, .. var rest]:
                return await MigrateCommand.RunAsync(rest, output, errors);
            case [ApproveCommand.Verb, .. var rest]:
                return await ApproveCommand.RunAsync(rest, output, errors);
            case [RestoreCommand.Verb, .. var rest]:
                return await RestoreCommand.RunAsync(rest, output, errors);
            case [] or [['-', ..], ..]:
                await Server.RunAsync(args);
                return 0;
            default:
                errors.WriteLine("""
                    Usage: EcrCurator.Web [--KEY=VALUE ...]   runs the server: the background jobs (nightly snapshot, executions)
                           EcrCurator.Web plan [--json] [--repository NAME] [--world FILE] [--now TIME] [--Curator:KEY=VALUE ...]

                      plan   a dry run against the configured AWS accounts: prints what the retention policy
                             would delete and why, as a table per team and repository.
                             --world FILE        decide on a world file instead of AWS (docs/world-format.md)
                             --json              the JSON output of SPEC section 8 instead of a table
                             --repository NAME   only this repository
                             --now TIME          decide as of this ISO-8601 time (default: the clock)
                      snapshot [--now TIME]
                                takes a snapshot now (or as of TIME) into the database (ConnectionStrings:Curator):
                                exit 1 when incomplete.
                      migrate   applies the database migrations.
                      approve PROPOSAL --as NAME [--comment TEXT] [--exclude DIGEST]... [--reject | --resume]
                                approves (then executes, re-checking live AWS) or rejects a proposal, or resumes
                                the execution of an approved one.
                      restore --proposal N --as NAME
                      restore --repository ACCOUNT/REGION/NAME --digest D [--digest D]... --as NAME
                                restores from the quarantine what that proposal's execution archived, or the images
                                named (with the archived images that hang on them); each is pinned "restored from
                                quarantine" and audited.
                    Exit status: 0 complete, 1 incomplete (fail closed), 2 bad input.
                    """);
                return BadInput;
        }
    }
}
