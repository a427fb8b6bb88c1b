using Fanghu.Policy;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Data;

/// <summary>Brings a database to the current schema and ships the default policy sets once.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(FanghuDbContext db, CancellationToken ct = default)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers (the web app) work while an import writes; the setting persists in the file.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await db.Database.MigrateAsync(ct);
        if (!await db.PolicySets.AnyAsync(ct))
        {
            db.PolicySets.AddRange(DefaultPolicies.Yunnan());
            await db.SaveChangesAsync(ct);
        }
    }
}
