using System.Collections.ObjectModel;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.State;

/// <summary>The task definitions of an account-region, in ECS's listing order: family name, then revision.</summary>
internal sealed class TaskDefinitionBook
{
    private readonly Dictionary<string, SortedList<int, WorldTaskDefinition>> families = new(StringComparer.Ordinal);

    /// <summary>Keyed by <see cref="Key"/>, which sorts as ECS lists: by family, then numerically by revision.</summary>
    public SortedList<string, WorldTaskDefinition> All { get; } = new(StringComparer.Ordinal);

    public static string Key(string family, int revision) => $"{family}\u0000{revision:D10}";

    public void Register(WorldTaskDefinition definition)
    {
        All[Key(definition.Family, definition.Revision)] = definition;
        if (!families.TryGetValue(definition.Family, out var revisions))
        {
            families[definition.Family] = revisions = [];
        }

        revisions[definition.Revision] = definition;
    }

    public WorldTaskDefinition? Find(string family, int revision) =>
        families.TryGetValue(family, out var revisions) ? revisions.GetValueOrDefault(revision) : null;

    public WorldTaskDefinition? Find(string name)
    {
        var colon = name.LastIndexOf(':');
        return colon > 0 && int.TryParse(name.AsSpan(colon + 1), out var revision) ? Find(name[..colon], revision) : null;
    }

    public IReadOnlyList<WorldTaskDefinition> Family(string family) =>
        families.TryGetValue(family, out var revisions) ? new ReadOnlyCollection<WorldTaskDefinition>(revisions.Values) : [];

    public WorldTaskDefinition? LatestActive(string family) => Family(family).LastOrDefault(definition => definition.Status == "ACTIVE");

    public int NextRevision(string family) => Family(family) is { Count: > 0 } revisions ? revisions[^1].Revision + 1 : 1;
}
