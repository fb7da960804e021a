namespace EcrCurator.Worlds;

/// <summary>A world file that cannot be read, with the line that is wrong.</summary>
public sealed class WorldFormatException(string source, long? line, string problem, Exception? inner = null)
    : Exception($"{source}{(line is null ? "" : $" line {line}")}: {problem}", inner)
{
    public long? Line { get; } = line;

    public string Problem { get; } = problem;
}
