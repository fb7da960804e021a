using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcrCurator.Worlds;

/// <summary>Reads and writes world files; every problem is reported with the line it is on.</summary>
public static class WorldFile
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static World Read(string path) => Parse(File.ReadAllBytes(path), path);

    public static World Parse(byte[] utf8, string source = "world")
    {
        World? world;
        try
        {
            world = JsonSerializer.Deserialize<World>(utf8, Json);
        }
        catch (JsonException error)
        {
            var line = error.LineNumber + 1;
            var problem = error.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
            throw new WorldFormatException(source, line, $"{problem} (at {error.Path})", error);
        }

        if (world is null)
        {
            throw new WorldFormatException(source, 1, "the file holds no world (expected an object with \"accounts\").");
        }

        if (WorldValidation.FirstProblem(world) is { } invalid)
        {
            throw new WorldFormatException(source, JsonLines.LineOf(utf8, invalid.Path), $"{invalid.Message} (at {invalid.Path})");
        }

        return world;
    }

    public static void Write(World world, Stream utf8) => JsonSerializer.Serialize(utf8, world, Json);
}
