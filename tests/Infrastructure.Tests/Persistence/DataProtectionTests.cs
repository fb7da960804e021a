using EcrCurator.Infrastructure.Tests.Snapshots;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Tests.Persistence;

[Collection(DatabaseCollection.Name)]
public sealed class DataProtectionTests(TestDatabase database) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task KeepsDataProtectionKeysInTheDatabaseSoThatAnotherServerCanReadWhatOneProtected()
    {
        await using var first = await SnapshotHarness.StartAsync(database, SnapshotWorlds.TwoRepositories());
        await using var second = await SnapshotHarness.StartAsync(database, SnapshotWorlds.TwoRepositories());

        var secret = first.Service<IDataProtectionProvider>().CreateProtector("session").Protect("signed-in as alice");

        Assert.Equal("signed-in as alice", second.Service<IDataProtectionProvider>().CreateProtector("session").Unprotect(secret));
        await using var db = database.Contexts.CreateDbContext();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync(TestContext.Current.CancellationToken));
    }
}
