using BenchmarkDotNet.Running;
using EcrCurator.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*'     the engine (BenchmarkDotNet)
// dotnet run -c Release --project tests/Benchmarks -- plan [options]   plan end to end against the simulator
// dotnet run -c Release --project tests/Benchmarks -- snapshot [--connection CS]   snapshots into PostgreSQL
// dotnet run -c Release --project tests/Benchmarks -- scale [--repositories N --images-per-repository N --tasks N --days N --lifecycle-policy-share S --connection CS]
//                                                                              the whole server at scale: snapshots, memory, database, pages
if (args is ["plan", .. var options])
{
    return await PlanBenchmark.RunAsync(options);
}

if (args is ["snapshot", .. var snapshotOptions])
{
    return await SnapshotBenchmark.RunAsync(snapshotOptions);
}

if (args is ["scale", .. var scaleOptions])
{
    return await ScaleBenchmark.RunAsync(scaleOptions);
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
