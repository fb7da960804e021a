using BenchmarkDotNet.Attributes;
using EcrCurator.Domain;

namespace EcrCurator.Benchmarks;

/// <summary>Evaluating a whole organisation: 100 images per repository, 10 usage references per 100 images.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 9)]
public class EngineBenchmarks
{
    private Inventory inventory = null!;
    private PolicySet policies = null!;

    [Params(1_000, 3_000, 10_000)]
    public int Repositories { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        inventory = GeneratedInventory.Create(Repositories, imagesPerRepository: 100, uses: Repositories * 10);
        policies = new PolicySet(
            new PolicyOverride { KeepTagPatterns = [new TagPattern("release-*")] },
            [new TeamPolicy("team1", new PolicyOverride { KeepNewest = 5, KeepPulledWithinDays = 14 })],
            [new RepositoryPolicy("team2/service2", new PolicyOverride { KeepRollbackRevisions = 2 })]);
    }

    [Benchmark]
    public RetentionPlan Evaluate() =>
        RetentionEngine.Evaluate(inventory, policies, [], new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
}
