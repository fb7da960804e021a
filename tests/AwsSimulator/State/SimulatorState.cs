using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.State;

/// <summary>
/// The world being served, indexed per account and region. Every read and change goes through
/// <see cref="Read{T}"/> or <see cref="Write{T}"/>, so AWS calls and control calls see consistent states.
/// </summary>
internal sealed class SimulatorState
{
    private readonly ReaderWriterLockSlim gate = new();
    private readonly TimeProvider time;
    private readonly Dictionary<(string Account, string Region, string Repository, string Digest), DateTimeOffset> restores = [];
    private Dictionary<(string Account, string Region), RegionState> regions = [];
    private List<string> accounts = [];
    private int restoresUnderWay;

    public SimulatorState(World world, TimeProvider time)
    {
        this.time = time;
        Initial = world;
        Load(world);
    }

    /// <summary>The world as it was loaded, for a reset.</summary>
    public World Initial { get; }

    /// <summary>The simulated day an advance has reached (0 at load).</summary>
    public int Day { get; set; }

    /// <summary>The newest push of the world as loaded: simulated day N is N days after it.</summary>
    public DateTimeOffset Anchor { get; private set; }

    public TimeProvider Time => time;

    /// <summary>How long a restore from the archive takes (ECR: "within 20 minutes").</summary>
    public TimeSpan RestoreTime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The account a request acts as when its access key id names no account: the world's first.</summary>
    public string FirstAccountId => accounts.Count > 0 ? accounts[0] : "000000000000";

    public IEnumerable<RegionState> Regions => regions.Values;

    public T Read<T>(Func<SimulatorState, T> read)
    {
        gate.EnterReadLock();
        try
        {
            return read(this);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    public T Write<T>(Func<SimulatorState, T> write)
    {
        gate.EnterWriteLock();
        try
        {
            return write(this);
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    public RegionState? Find(string account, string region) => regions.GetValueOrDefault((account, region));

    /// <summary>The account-region, added empty when the world did not have it (only the control API adds regions).</summary>
    public RegionState Ensure(string account, string region)
    {
        if (!regions.TryGetValue((account, region), out var state))
        {
            regions[(account, region)] = state = new RegionState(account, region, time.GetUtcNow());
            if (!accounts.Contains(account))
            {
                accounts.Add(account);
            }
        }

        return state;
    }

    /// <summary>
    /// Starts restoring an archived image: ACTIVATING now, ACTIVE once <see cref="RestoreTime"/> has passed (see
    /// <see cref="SettleRestores"/>). Call inside <see cref="Write{T}"/>.
    /// </summary>
    public string BeginRestore(string account, string region, RepositoryState repository, WorldImage image)
    {
        repository.Put(image with { ImageStatus = "ACTIVATING" });
        restores[(account, region, repository.Name, image.Digest)] = time.GetUtcNow() + RestoreTime;
        Volatile.Write(ref restoresUnderWay, restores.Count);
        return "ACTIVATING";
    }

    /// <summary>A push of an archived image restores it at once; a restore under way for it is over.</summary>
    public WorldImage Restored(string account, string region, string repository, WorldImage image)
    {
        restores.Remove((account, region, repository, image.Digest));
        Volatile.Write(ref restoresUnderWay, restores.Count);
        return image with { ImageStatus = null, LastActivatedAt = time.GetUtcNow() };
    }

    /// <summary>Completes the restores whose time has come: each image ACTIVE, with <c>lastActivatedAt</c> when it completed.</summary>
    public void SettleRestores()
    {
        if (Volatile.Read(ref restoresUnderWay) == 0)
        {
            return;
        }

        Write(state =>
        {
            var now = time.GetUtcNow();
            foreach (var (key, due) in restores.Where(restore => restore.Value <= now).ToList())
            {
                restores.Remove(key);
                if (state.Find(key.Account, key.Region)?.Repositories.GetValueOrDefault(key.Repository) is { } repository
                    && repository.ByDigest(key.Digest) is { ImageStatus: "ACTIVATING" } image)
                {
                    repository.Put(image with { ImageStatus = null, LastActivatedAt = due });
                }
            }

            Volatile.Write(ref restoresUnderWay, restores.Count);
            return restores.Count;
        });
    }

    /// <summary>Replaces everything with <paramref name="world"/>; call inside <see cref="Write{T}"/> (or from the constructor).</summary>
    public void Load(World world)
    {
        var loadedAt = time.GetUtcNow();
        regions = world.Accounts.ToDictionary(account => (account.AccountId, account.Region), account => RegionState.From(account, loadedAt));
        restores.Clear();
        foreach (var account in world.Accounts)
        {
            foreach (var repository in account.Repositories)
            {
                foreach (var image in repository.Images.Where(image => image.ImageStatus == "ACTIVATING"))
                {
                    restores[(account.AccountId, account.Region, repository.Name, image.Digest)] = loadedAt + RestoreTime;
                }
            }
        }

        Volatile.Write(ref restoresUnderWay, restores.Count);
        accounts = [.. world.Accounts.Select(account => account.AccountId).Distinct()];
        Day = 0;
        Anchor = world.Accounts.SelectMany(account => account.Repositories).SelectMany(repository => repository.Images)
            .Select(image => image.PushedAt).DefaultIfEmpty(loadedAt).Max();
    }

    public World ToWorld() => new()
    {
        Accounts = [.. accounts.SelectMany(account => regions.Values.Where(region => region.AccountId == account)).Select(region => region.ToWorld())],
    };
}
