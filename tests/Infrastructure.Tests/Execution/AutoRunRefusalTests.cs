using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Infrastructure.Tests.Execution;

/// <summary>AutoRun's refusal says what it would do: delete, quarantine (archive), or both.</summary>
public class AutoRunRefusalTests
{
    private static readonly RepositoryRow Repository = new() { AccountId = "111111111111", Region = "ap-northeast-1", Name = "care/api", Team = "care", ImageCount = 10 };

    [Theory]
    [InlineData(new[] { CandidateActions.Delete }, "AutoRun would delete 6 of 10 images")]
    [InlineData(new[] { CandidateActions.Quarantine }, "AutoRun would quarantine 6 of 10 images")]
    [InlineData(new[] { CandidateActions.Quarantine, CandidateActions.Delete }, "AutoRun would delete or quarantine 6 of 10 images")]
    public void NamesWhatExecutingTheProposalWouldDoToItsCandidates(string[] actions, string expected)
    {
        var proposal = new ProposalRow { CandidateSet = "", CandidateCount = 6 };

        var reason = AutoRun.Refusal(proposal, Repository, new SettingsRow(), AutoRun.Verb(actions));

        Assert.StartsWith(expected, reason);
    }
}
