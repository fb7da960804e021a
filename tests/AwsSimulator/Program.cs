using EcrCurator.AwsSimulator;
using EcrCurator.Worlds;

// dotnet run --project tests/AwsSimulator -- --world FILE --urls http://127.0.0.1:PORT   (or --generate --seed 1 ...)
try
{
    var options = SimulatorOptions.Parse(args);
    var app = SimulatorApp.Create(options);
    if (options.WriteWorld is { } path)
    {
        SimulatorApp.WriteWorld(app, path);
        Console.WriteLine($"Wrote {SimulatorApp.Describe(app)} to {path}.");
        return 0;
    }

    Console.WriteLine($"The AWS simulator serves {SimulatorApp.Describe(app)}.");
    await app.RunAsync();
    return 0;
}
catch (Exception error) when (error is WorldFormatException or ArgumentException or IOException)
{
    Console.Error.WriteLine($"The AWS simulator cannot start: {error.Message}");
    return 2;
}
