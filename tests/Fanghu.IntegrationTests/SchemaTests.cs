using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests;

public sealed class SchemaTests
{
    [Fact]
    public async Task The_migrations_of_the_provider_under_test_match_the_model_and_ship_the_default_policies()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Context();
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration for " + db.Provider);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(TestDatabase.OnPostgres ? Data.DatabaseProvider.Postgres : Data.DatabaseProvider.Sqlite, db.Provider);
        Assert.Contains(await db.PolicySets.ToListAsync(), p => p.ValidFrom.Year == 2023 && p.IncomeLine == 8050m);
    }
}
