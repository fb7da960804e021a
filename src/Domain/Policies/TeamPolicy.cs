namespace EcrCurator.Domain;

/// <summary>A team's policy: overrides the default for every repository of the team.</summary>
public sealed record TeamPolicy(string Team, PolicyOverride Override);
