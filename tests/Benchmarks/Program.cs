using BenchmarkDotNet.Running;
using EcrCurator.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*'     the engine (BenchmarkDotNet)
// dotnet run -c Release --project tests/Benchmarks -- plan [options]   plan end to end against the simulator
// dotnet run -c Release --project tests/Benchmarks -- snapshot [--connection CS]   snapshots into PostgreSQL
// dotnet run -c Release --project tests/Benchmarks -- execution [--repositories N --candidates N --tasks N --latency-ms N --workers N --connection CS]
//                                                                              executions with the re-check before every batch
// dotnet run -c Release --project tests/Benchmarks -- scale [--repositories N --images-per-repository N --tasks N --days N --lifecycle-policy-share S --connection CS]
//                                                                              the whole server at scale: snapshots, memory, database, pages
// dotnet run -c Release --project tests/Benchmarks -- servers [--servers 1,2 --workers 1,2,4,8 --regions N --repositories N --images-per-repository N --latency-ms N --approve N --connection CS]
//                                                                              snapshots and executions spread over job servers and workers
// dotnet run -c Release --project tests/Benchmarks -- audit [--entries N --runs N --connection CS]   audit verify of a long audit log
// dotnet run -c Release --project tests/Benchmarks -- preview [--repositories N --images-per-repository N --runs N --connection CS]
//                                                                              a policy change previewed over the last snapshot's images
if (args is ["plan", .. var options])
{
    return await PlanBenchmark.RunAsync(options);
}

if (args is ["snapshot", .. var snapshotOptions])
{
    return await SnapshotBenchmark.RunAsync(snapshotOptions);
}

if (args is ["execution", .. var executionOptions])
{
    return await ExecutionBenchmark.RunAsync(executionOptions);
}

if (args is ["audit", .. var auditOptions])
{
    return await AuditBenchmark.RunAsync(auditOptions);
}

if (args is ["scale", .. var scaleOptions])
{
    return await ScaleBenchmark.RunAsync(scaleOptions);
}

if (args is ["preview", .. var previewOptions])
{
    return await PolicyPreviewBenchmark.RunAsync(previewOptions);
}

if (args is ["servers", .. var serversOptions])
{
    return await ServersBenchmark.RunAsync(serversOptions);
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
