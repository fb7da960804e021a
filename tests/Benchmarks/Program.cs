using BenchmarkDotNet.Running;
using EcrCurator.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*'     the engine (BenchmarkDotNet)
// dotnet run -c Release --project tests/Benchmarks -- plan [options]   plan end to end against the simulator
// dotnet run -c Release --project tests/Benchmarks -- snapshot [--connection CS]   snapshots into PostgreSQL
if (args is ["plan", .. var options])
{
    return await PlanBenchmark.RunAsync(options);
}

if (args is ["snapshot", .. var snapshotOptions])
{
    return await SnapshotBenchmark.RunAsync(snapshotOptions);
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
