namespace EcrCurator.Web.Tests.Support;

/// <summary>Tests that point the process's AWS environment at a simulator run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AwsEnvironmentCollection
{
    public const string Name = "aws-environment";
}
