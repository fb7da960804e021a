using System.Globalization;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Persistence;

namespace EcrCurator.Web.Features.Approvals;

/// <summary>
/// <c>approve PROPOSAL --as NAME [--comment TEXT] [--exclude DIGEST]... [--reject | --resume]</c>: approves (and, once
/// approved, executes) or rejects a proposal, or resumes the execution of an approved one. An operator's tool: it
/// executes in its own process, through the same <see cref="ExecutionService"/> as the job servers, and needs none.
/// </summary>
public static class ApproveCommand
{
    public const string Verb = "approve";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var (proposal, actor, comment, excluded, reject, resume, configuration) = Parse(args);
        using var host = CommandHost.Build(configuration, errors);
        await host.Database().MigrateAsync(CancellationToken.None);
        var approvals = host.Services.GetRequiredService<ApprovalService>();
        if (resume)
        {
            return Report(output, proposal, await host.Services.GetRequiredService<ExecutionService>().ExecuteAsync(proposal, actor, CancellationToken.None));
        }

        if (reject)
        {
            await approvals.RejectAsync(proposal, actor, comment, CancellationToken.None);
            output.WriteLine($"Proposal {proposal} rejected.");
            return 0;
        }

        if (!await approvals.ApproveAsync(proposal, actor, comment, excluded, Executor.Caller, CancellationToken.None))
        {
            output.WriteLine($"Proposal {proposal} approved by {actor}; it waits for another approver.");
            return 0;
        }

        return Report(output, proposal, await host.Services.GetRequiredService<ExecutionService>().ExecuteAsync(proposal, actor, CancellationToken.None));
    }

    private static int Report(TextWriter output, long proposal, ProposalRow executed)
    {
        var archived = executed.ArchivedBytes > 0 ? $", {executed.ArchivedBytes} archived (quarantined)" : "";
        output.WriteLine($"Proposal {proposal} {executed.Status}: {executed.DeletedBytes} bytes deleted{archived}. {executed.StatusReason}".TrimEnd());
        return executed.Status == ProposalStatus.Executed ? 0 : 1;
    }

    private static (long Proposal, string Actor, string? Comment, List<string> Excluded, bool Reject, bool Resume, string[] Configuration) Parse(string[] args)
    {
        long? proposal = null;
        string? actor = null, comment = null;
        var excluded = new List<string>();
        bool reject = false, resume = false;
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--as": actor = Actors.RequirePerson(Value(), "--as"); break;
                case "--comment": comment = Value(); break;
                case "--exclude": excluded.Add(Value()); break;
                case "--reject": reject = true; break;
                case "--resume": resume = true; break;
                case var id when proposal is null && !id.StartsWith("--", StringComparison.Ordinal):
                    proposal = long.Parse(id, CultureInfo.InvariantCulture);
                    break;
                default: configuration.Add(args[i]); break;
            }
        }

        return (proposal ?? throw new ArgumentException("approve needs the proposal's number."),
            actor ?? throw new ArgumentException("approve needs --as NAME: who approves."), comment, excluded, reject, resume, [.. configuration]);
    }
}
