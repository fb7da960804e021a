using System.Text.Json;
using EcrCurator.Worlds;

namespace EcrCurator.Domain.Tests.Examples;

/// <summary>An example world of the fixtures folder with the decisions its <c>.expected.json</c> lists.</summary>
public sealed record ExampleWorld(string Name)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Worlds", file);

    public World World => WorldFile.Read(PathOf($"{Name}.world.json"));

    /// <summary>Per repository (<c>account/region/name</c>): the digests deleted and every image's reasons.</summary>
    public IReadOnlyDictionary<string, ExpectedRepository> Expected
    {
        get
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf($"{Name}.expected.json")));
            return document.RootElement.EnumerateObject().ToDictionary(
                repository => repository.Name,
                repository => new ExpectedRepository(
                    repository.Value.GetProperty("delete").EnumerateArray().Select(digest => digest.GetString()!).ToHashSet(),
                    repository.Value.GetProperty("reasons").EnumerateObject().ToDictionary(
                        image => image.Name,
                        image => (IReadOnlyList<string>)[.. image.Value.EnumerateArray().Select(code => code.GetString()!)])));
        }
    }

    public override string ToString() => Name;
}

public sealed record ExpectedRepository(IReadOnlySet<string> Delete, IReadOnlyDictionary<string, IReadOnlyList<string>> Reasons);
