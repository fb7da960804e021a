namespace EcrCurator.Domain.Tests.Builders;

/// <summary>
/// A small world for the engine: repositories with their images, what ECS runs, task definitions, pins, and
/// whether usage could be read completely. References without a registry host mean the default registry
/// (<see cref="Ecr.Expand"/>); <c>runs</c>/<c>deployed</c> name the image whose digest ECS reports.
/// </summary>
public sealed class InventoryBuilder
{
    private readonly List<RepositoryRecord> repositories = [];
    private readonly List<ImageUse> uses = [];
    private readonly List<TaskDefinitionRecord> definitions = [];
    private readonly List<Pin> pins = [];
    private readonly List<QuarantinedImage> quarantined = [];
    private readonly List<string> incomplete = [];
    private int tasks;

    public IReadOnlyList<Pin> Pins => pins;

    public InventoryBuilder Repository(
        string name, Action<RepositoryBuilder> images, string account = Ecr.Account, string region = Ecr.Region, string team = "unassigned",
        string? lifecyclePolicy = null, string? lifecyclePolicyUnreadable = null)
    {
        var repository = new RepositoryBuilder();
        images(repository);
        repositories.Add(new RepositoryRecord(Ecr.Key(name, account, region), team, repository.Build())
        {
            LifecyclePolicy = lifecyclePolicy,
            LifecyclePolicyUnreadable = lifecyclePolicyUnreadable,
        });
        return this;
    }

    /// <summary>A running task using <paramref name="image"/>, reporting the digest of the image <paramref name="runs"/>, if given.</summary>
    public InventoryBuilder Task(
        string image, string? runs = null, string account = Ecr.Account, string region = Ecr.Region, string family = "app", int revision = 1)
    {
        var site = new EcsSite(account, region, "main", null, $"task-{++tasks}", family, revision);
        return Use(image, runs, site);
    }

    /// <summary>A deployment of a service (no task id), pinned to the digest of the image <paramref name="deployed"/>, if given.</summary>
    public InventoryBuilder Service(
        string image, string? deployed = null, string service = "api", string account = Ecr.Account, string region = Ecr.Region,
        string family = "app", int revision = 1)
    {
        var site = new EcsSite(account, region, "main", service, null, family, revision);
        return Use(image, deployed, site);
    }

    /// <summary>
    /// A Lambda function version whose <c>ImageUri</c> is <paramref name="image"/> and which runs the digest of the image
    /// <paramref name="runs"/> (its <c>ResolvedImageUri</c>, in the repository <paramref name="image"/> names).
    /// </summary>
    public InventoryBuilder Lambda(
        string image, string runs, string function = "resize", string version = "1", string[]? aliases = null,
        string account = Ecr.Account, string region = Ecr.Region)
    {
        var reference = Ecr.Expand(image);
        var repository = reference.Split('@')[0];
        repository = repository.LastIndexOf(':') > repository.LastIndexOf('/') ? repository[..repository.LastIndexOf(':')] : repository;
        uses.AddRange(new LambdaSite(account, region, function, version, aliases).Uses(reference, $"{repository}@{Digests.Of(runs)}"));
        return this;
    }

    public InventoryBuilder TaskDefinition(
        string family, int revision, string[] images, bool active = true, string account = Ecr.Account, string region = Ecr.Region)
    {
        definitions.Add(new TaskDefinitionRecord(account, region, family, revision, active, [.. images.Select(Ecr.Expand)]));
        return this;
    }

    public InventoryBuilder Pin(
        string repository, string image, DateTimeOffset? expires = null, string account = Ecr.Account, string region = Ecr.Region)
    {
        pins.Add(new Pin(Ecr.Key(repository, account, region), Digests.Of(image), expires));
        return this;
    }

    /// <summary>An image the product archived (quarantined) at that time and has not restored.</summary>
    public InventoryBuilder Quarantined(string repository, string image, DateTimeOffset archivedAt, string account = Ecr.Account, string region = Ecr.Region)
    {
        quarantined.Add(new QuarantinedImage(Ecr.Key(repository, account, region), Digests.Of(image), archivedAt));
        return this;
    }

    /// <summary>Marks a usage source as not read completely.</summary>
    public InventoryBuilder Incomplete(string reason)
    {
        incomplete.Add(reason);
        return this;
    }

    /// <summary>A usage report from <paramref name="source"/> naming <paramref name="images"/>, received now, unexpired unless said.</summary>
    public InventoryBuilder Report(string source, string[] images, DateTimeOffset? expires = null)
    {
        uses.AddRange(new UsageReport(source, [.. images.Select(Ecr.Expand)], Clock.Now.AddDays(-1), expires ?? Clock.Now.AddHours(1)).UsesAt(Clock.Now));
        return this;
    }

    public Inventory Build() => new([.. repositories], [.. uses], [.. definitions]) { IncompleteReasons = [.. incomplete] };

    public RetentionPlan Evaluate(PolicySet? policies = null, DateTimeOffset? now = null) =>
        RetentionEngine.Evaluate(Build(), policies ?? PolicySet.BasePolicy, pins, now ?? Clock.Now, quarantined);

    /// <summary>Evaluates with one policy for every repository.</summary>
    public RetentionPlan Evaluate(PolicyOverride everywhere, DateTimeOffset? now = null) =>
        Evaluate(new PolicySet(everywhere, [], []), now);

    private InventoryBuilder Use(string image, string? reported, UsageSite site)
    {
        uses.Add(new ImageUse(Ecr.Expand(image), reported is null ? null : Digests.Of(reported), site));
        return this;
    }
}
