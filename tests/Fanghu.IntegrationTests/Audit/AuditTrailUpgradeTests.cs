using Fanghu.Audit;
using Fanghu.Data;
using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fanghu.IntegrationTests.Audit;

/// <summary>A trail chained by the first release (in the writing transaction, places = ids) keeps verifying once sealing takes over.</summary>
public sealed class AuditTrailUpgradeTests
{
    [Fact]
    public async Task Entries_chained_before_the_sealer_keep_their_places_and_new_ones_follow_on()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using (var db = database.Context())
        {
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_AuditTrail", StringComparison.Ordinal)));
            // Three entries as the first release wrote them: id = place in the chain, hash over the id.
            var previous = AuditEntry.Genesis;
            for (var id = 1L; id <= 3; id++)
            {
                var hash = OldStyleHash(id, previous);
                await db.Database.ExecuteSqlRawAsync(
                    """
                    INSERT INTO "AuditTrail" ("Id", "At", "UserId", "UserName", "Role", "Address", "Action", "Entity", "EntityKey", "HouseholdId", "Before", "After", "PreviousHash", "Hash")
                    VALUES ({0}, {1}, 'system', '系统', NULL, NULL, '新增', 'Division', {2}, NULL, NULL, '{{}}', {3}, {4})
                    """, id, At, "53340110020" + id, previous, hash);
                previous = hash;
            }
        }

        await using (var db = database.Context())
        {
            // Migrating the rest of the way writes entries of its own (the shipped policies and screening rules).
            await DatabaseMigrator.MigrateAsync(db);
            await AuditSealer.SealAsync(db, CancellationToken.None);
            var verified = await new VerifyAuditTrail(db).HandleAsync(CancellationToken.None);
            var later = await db.AuditTrail.AsNoTracking().Where(e => e.EntityKey != "533401100201" && e.EntityKey != "533401100202" && e.EntityKey != "533401100203")
                .OrderBy(e => e.Seq).ToListAsync();

            Assert.True(verified.Intact, verified.Message);
            Assert.NotEmpty(later);
            Assert.Equal(3 + later.Count, verified.Entries);
            Assert.All(later, e => Assert.True(e.Id > 3 && e.Seq > 3, "new ids and places follow the old ones"));
            Assert.Equal([1L, 2L, 3L], await db.AuditTrail.Where(e => e.Id <= 3).OrderBy(e => e.Id).Select(e => e.Seq!.Value).ToListAsync());
        }
    }

    private static readonly DateTimeOffset At = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The first release's hash: the same fields, with the id in the place's position.</summary>
    private static string OldStyleHash(long id, string previous)
    {
        var text = string.Join('\u001f', id.ToString(System.Globalization.CultureInfo.InvariantCulture), "2026-11-29T08:00:00.000Z",
            "system", "系统", "", "", "新增", "Division", "53340110020" + id, "", "\u0000", "{}", previous);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }
}
