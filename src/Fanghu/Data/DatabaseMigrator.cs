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
        // Screening rules Fanghu ships: version 1 of each rule not known yet (a later release may add rules).
        var known = await db.ScreeningRules.Select(r => r.Key).Distinct().ToListAsync(ct);
        var missing = Screening.DefaultRules.All.Where(d => !known.Contains(d.Key)).ToList();
        if (missing.Count > 0)
        {
            db.ScreeningRules.AddRange(missing.Select(d => new Screening.ScreeningRule(d.Key, 1, d.Dataset, d.Name, d.Definition,
                Screening.RuleStatus.Active, null, DateTimeOffset.UtcNow, Screening.DefaultRules.CreatedBy)));
            await db.SaveChangesAsync(ct);
        }
    }
}
