using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Quarantine;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.Database;
using EcrCurator.Web.Features.History;
using EcrCurator.Web.Features.Notifications;
using EcrCurator.Web.Features.Plan;
using EcrCurator.Web.Features.Quarantine;
using EcrCurator.Web.Features.Snapshots;
using EcrCurator.Web.Features.Tokens;
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
        catch (Exception invalid) when (ConfigurationErrors(invalid) is { } failures)
        {
            errors.WriteLine("Configuration error: " + string.Join(Environment.NewLine + "Configuration error: ", failures));
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

    /// <summary>What a wrong configuration says: one section's failures, or several sections' at once.</summary>
    private static IEnumerable<string>? ConfigurationErrors(Exception error) => error switch
    {
        OptionsValidationException invalid => invalid.Failures,
        AggregateException all when all.InnerExceptions.All(inner => inner is OptionsValidationException) =>
            all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures),
        _ => null,
    };

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
            case [AuditCommand.Verb, .. var rest]:
                return await AuditCommand.RunAsync(rest, output, errors);
            case [TokenCommand.Verb, .. var rest]:
                return await TokenCommand.RunAsync(rest, output, errors);
            case [RestoreCommand.Verb, .. var rest]:
                return await RestoreCommand.RunAsync(rest, output, errors);
            case [ChannelCommand.Verb, .. var rest]:
                return await ChannelCommand.RunAsync(rest, output, errors);
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
                      migrate   applies the database migrations (as ConnectionStrings:CuratorMigrations when set).
                      approve PROPOSAL --as NAME [--comment TEXT] [--exclude DIGEST]... [--reject | --resume]
                                approves (then executes, re-checking live AWS) or rejects a proposal, or resumes
                                the execution of an approved one. It executes here, in this process, and needs
                                no job server; the dashboard's approvals are executed by the job servers. NAME is
                                a person's: system and cli:* are refused.
                      audit verify [--expect-head HASH]
                                checks the audit log's hash chain: exit 1 when an entry was edited, removed or
                                reordered, or (with --expect-head) when the chain no longer holds that head.
                      token create --name NAME --scope SCOPE [--scope SCOPE]... [--team TEAM]... [--expires-in-days N] --as NAME
                                creates an API token (scopes: read, pins:write, usage:report; default 90 days) and
                                prints it alone on the last line: it is shown only this once.
                      token revoke NAME --as NAME
                                revokes an API token.
                      restore --proposal N --as NAME
                      restore --repository ACCOUNT/REGION/NAME --digest D [--digest D]... --as NAME
                                restores from the quarantine what that proposal's execution archived, or the images
                                named (with the archived images that hang on them); each is pinned "restored from
                                quarantine" and audited.
                      channel add --name NAME --kind slack|webhook|email (--url URL | --to ADDRESS[,…]) [--secret S]
                                  [--teams TEAM,…|all] [--events EVENT,…|all] [--language en|ja] --as NAME
                      channel list
                      channel remove NAME --as NAME
                                notification channels (audited). Events: proposals, autorun-notice,
                                execution-finished, execution-failed, snapshot-incomplete, reporter-silent,
                                quarantine-expiring. A webhook given no --secret gets one, printed once.
                    Exit status: 0 complete, 1 incomplete (fail closed), 2 bad input.
                    """);
                return BadInput;
        }
    }
}
