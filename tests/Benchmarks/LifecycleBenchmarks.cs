using BenchmarkDotNet.Attributes;
using EcrCurator.Domain;

namespace EcrCurator.Benchmarks;

/// <summary>
/// The lifecycle-policy evaluator (SPEC 12) over a whole organisation whose every repository has a policy: alone (each
/// policy text understood once, as a run does, then evaluated over each repository's 100 images, one repository after
/// another, on one thread), and inside the engine
/// (every repository decided and its policy set against the decisions), beside the engine on the same inventory
/// without policies.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 9)]
public class LifecycleBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private Inventory withPolicies = null!;
    private Inventory withoutPolicies = null!;

    [Params(1_000, 10_000)]
    public int Repositories { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        withoutPolicies = GeneratedInventory.Create(Repositories, imagesPerRepository: 100, uses: Repositories * 10);
        withPolicies = GeneratedInventory.WithLifecyclePolicies(withoutPolicies);
    }

    [Benchmark]
    public int EvaluatorAlone()
    {
        var marks = 0;
        var policies = new Dictionary<string, LifecyclePolicy>(StringComparer.Ordinal);
        foreach (var repository in withPolicies.Repositories)
        {
            var text = repository.LifecyclePolicy!;
            if (!policies.TryGetValue(text, out var policy))
            {
                policies[text] = policy = LifecyclePolicy.Parse(text);
            }

            marks += LifecycleEvaluator.Evaluate(policy, repository.Images, Now).Count;
        }

        return marks;
    }

    [Benchmark]
    public RetentionPlan EngineWithPolicies() => RetentionEngine.Evaluate(withPolicies, PolicySet.BasePolicy, [], Now);

    [Benchmark(Baseline = true)]
    public RetentionPlan EngineWithoutPolicies() => RetentionEngine.Evaluate(withoutPolicies, PolicySet.BasePolicy, [], Now);
}
