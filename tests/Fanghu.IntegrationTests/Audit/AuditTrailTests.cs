using System.Text.Json;
using Fanghu.Audit;
using Fanghu.Divisions;
using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Audit;

/// <summary>The audit trail: every saved change an entry with who, where, before and after, chained by hashes; the chain checked.</summary>
public sealed class AuditTrailTests : ImportTestBase
{
    private static readonly AuditActor Officer = new("u-1", "county1", "County", "10.1.2.3");

    private async Task<(long HouseholdId, long PersonId)> ChangeAsync()
    {
        AuditActor.Set(Officer);
        try
        {
            await using var db = Database.Context();
            var household = new Household("533401100201-A1", DivisionCode.Parse(Synthetic.VillageA), HouseholdType.FormerlyPoor);
            var person = household.AddMember("审计甲", IdNumber.Parse(Synthetic.Id(1)).Value!.Value,
                new PersonDetails(Relation.Head, "藏族", HealthStatus.Healthy, null, LabourCapacity.Ordinary, Schooling.NotInSchool,
                    Employment.WithinCounty, 6, true, true, null));
            db.Households.Add(household);
            await db.SaveChangesAsync();
            household.Describe("尼史村一组", HouseholdFlags.None, HousingGrade.C);
            await db.SaveChangesAsync();
            return (household.Id, person.Id);
        }
        finally
        {
            AuditActor.Set(null);
        }
    }

    [Fact]
    public async Task Each_saved_change_is_an_entry_with_who_where_before_and_after_and_the_chain_verifies()
    {
        var (householdId, personId) = await ChangeAsync();

        await using var db = Database.Context();
        var entries = await db.AuditTrail.AsNoTracking().Where(e => e.HouseholdId == householdId).OrderBy(e => e.Id).ToListAsync();
        var added = entries.Single(e => e.Entity == "Household" && e.Action == AuditTrail.Added);
        var changed = entries.Single(e => e.Entity == "Household" && e.Action == AuditTrail.Modified);
        var member = entries.Single(e => e.Entity == "Person");

        Assert.Equal(("county1", "County", "10.1.2.3"), (added.UserName, added.Role, added.Address));
        Assert.Equal(householdId.ToString(System.Globalization.CultureInfo.InvariantCulture), added.EntityKey);
        Assert.Equal(personId.ToString(System.Globalization.CultureInfo.InvariantCulture), member.EntityKey);
        Assert.Null(added.Before);
        var before = JsonDocument.Parse(changed.Before!).RootElement;
        var after = JsonDocument.Parse(changed.After!).RootElement;
        Assert.Equal(JsonValueKind.Null, before.GetProperty("Address").ValueKind);
        Assert.Equal("尼史村一组", after.GetProperty("Address").GetString());
        Assert.Equal(3, after.GetProperty("HousingGrade").GetInt32());
        Assert.False(after.TryGetProperty("Number", out _), "only the changed values");

        Assert.All(entries, e => Assert.False(e.Sealed));
        Assert.Equal(await db.AuditTrail.CountAsync(), await AuditSealer.SealAsync(db, CancellationToken.None));
        var all = await db.AuditTrail.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long?)i), all.Select(e => e.Seq));
        Assert.Equal(AuditEntry.Genesis, all[0].PreviousHash);
        Assert.All(all.Skip(1).Zip(all), p => Assert.Equal(p.Second.Hash, p.First.PreviousHash));

        var verified = await new VerifyAuditTrail(db).HandleAsync(CancellationToken.None);
        Assert.True(verified.Intact, verified.Message);
        Assert.Equal((all.Count, all[^1].Hash), (verified.Entries, verified.LastHash));
    }

    [Fact]
    public async Task No_one_can_change_or_remove_an_entry_through_the_context_or_the_database()
    {
        await ChangeAsync();
        await using var db = Database.Context();

        // Before sealing only the chain's own columns may be filled in; after sealing nothing at all.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditTrail" SET "UserName" = 'x' WHERE "Id" = 1"""));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditTrail" WHERE "Id" = 1"""));
        // Nor can an unsealed entry be taken out of the chain (a hash without a place), given a place out of turn, or an
        // entry be written already "sealed".
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditTrail" SET "Hash" = 'x' WHERE "Id" = 1"""));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditTrail" SET "Seq" = 7, "PreviousHash" = 'p', "Hash" = 'x' WHERE "Id" = 1"""));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "AuditTrail" ("At", "UserId", "UserName", "Action", "Entity", "EntityKey", "PreviousHash", "Hash", "Seq")
            VALUES ('2026-11-29 08:00:00+00:00', 'x', 'x', '新增', 'Household', '1', 'p', 'h', 1)
            """));
        Assert.Equal(0, await db.AuditTrail.CountAsync(e => e.Seq != null || e.Hash != ""));
        await AuditSealer.SealAsync(db, CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditTrail" SET "Hash" = '' WHERE "Id" = 1"""));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditTrail" SET "Seq" = 99 WHERE "Id" = 1"""));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditTrail" WHERE "Id" = 1"""));
        var entry = await db.AuditTrail.FirstAsync();
        db.AuditTrail.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_tampered_entry_is_named_by_the_verify_command_and_a_removed_one_by_its_gap()
    {
        await ChangeAsync();
        var clean = await CliProcess.RunAsync(Database, "audit", "verify");
        Assert.True(clean.Exit == 0, clean.Err);
        Assert.Contains("审计日志完整", clean.Out);

        // What someone with the database's owner account could do: switch the guard off and edit an entry by hand.
        await using (var db = Database.Context())
        {
            await DisableGuardAsync(db);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditTrail" SET "After" = REPLACE("After", '尼史村一组', '别处') WHERE "Action" = '修改' AND "Entity" = 'Household'""");
        }
        long edited;
        await using (var db = Database.Context())
            edited = await db.AuditTrail.Where(e => e.Action == AuditTrail.Modified && e.Entity == "Household").Select(e => e.Seq!.Value).SingleAsync();

        var tampered = await CliProcess.RunAsync(Database, "audit", "verify");

        Assert.Equal(1, tampered.Exit);
        Assert.Contains($"审计日志在第 {edited} 条处断开：内容与其哈希不符（本条被改动）", tampered.Err);

        await using (var db = Database.Context())
        {
            await DisableGuardAsync(db);
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditTrail" WHERE "Seq" = 2""");
            var gap = await new VerifyAuditTrail(db).HandleAsync(CancellationToken.None);
            Assert.Equal(3, gap.BrokenSeq);
            Assert.Contains("第 2 条至第 2 条缺失", gap.Message);
        }
    }

    private static Task DisableGuardAsync(Fanghu.Data.FanghuDbContext db) => db.Provider == Fanghu.Data.DatabaseProvider.Postgres
        ? db.Database.ExecuteSqlRawAsync("""ALTER TABLE "AuditTrail" DISABLE TRIGGER USER""")
        : db.Database.ExecuteSqlRawAsync("""DROP TRIGGER IF EXISTS "AuditTrail_no_update"; DROP TRIGGER IF EXISTS "AuditTrail_no_delete";""");

    [Fact]
    public async Task A_writer_does_not_wait_for_another_writers_open_transaction_and_its_entry_is_sealed_once_committed()
    {
        await ChangeAsync();
        await using var slow = Database.Context();
        await using var slowTransaction = await slow.Database.BeginTransactionAsync();
        slow.Divisions.Add(new Division(DivisionCode.Parse("533401100299"), "慢村", DivisionCode.Parse("533401100")));
        await slow.SaveChangesAsync();

        if (Database.Settings.Provider == Fanghu.Data.DatabaseProvider.Postgres)
        {
            // On PostgreSQL another writer goes ahead while the first transaction, with its entry, is still open
            // (SQLite has one writer at a time whatever the trail does).
            await using var quick = Database.Context();
            quick.Divisions.Add(new Division(DivisionCode.Parse("533401100298"), "快村", DivisionCode.Parse("533401100")));
            await quick.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await using var sealer = Database.Context();
            await AuditSealer.SealAsync(sealer, CancellationToken.None);
            Assert.True(await sealer.AuditTrail.AnyAsync(e => e.EntityKey == "533401100298" && e.Seq != null));
        }
        await slowTransaction.CommitAsync();

        await using var db = Database.Context();
        await AuditSealer.SealAsync(db, CancellationToken.None);
        var late = await db.AuditTrail.SingleAsync(e => e.EntityKey == "533401100299");
        Assert.Equal(await db.AuditTrail.MaxAsync(e => e.Seq), late.Seq);
        var verified = await new VerifyAuditTrail(db).HandleAsync(CancellationToken.None);
        Assert.True(verified.Intact, verified.Message);
        Assert.Equal((await db.AuditTrail.CountAsync(), 0L), (verified.Entries, verified.Unsealed));
    }

    [Fact]
    public async Task An_import_from_the_command_line_is_one_entry_naming_the_file_its_hash_and_counts_and_a_refused_one_none()
    {
        var rows = Synthetic.PersonRows(10, 910_000, Synthetic.VillageB);
        var file = Write("人口.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows));
        var refused = Write("坏.csv", Synthetic.Csv(Synthetic.PersonsHeader, Synthetic.PersonRows(1, 920_000, "533401199999")));

        var imported = await CliProcess.RunAsync(Database, "import", "persons", file);
        var rejected = await CliProcess.RunAsync(Database, "import", "persons", refused);

        Assert.True(imported.Exit == 0, imported.Out + imported.Err);
        Assert.Equal(1, rejected.Exit);
        await using var db = Database.Context();
        var entry = await db.AuditTrail.AsNoTracking().SingleAsync(e => e.Action == AuditTrail.Imported && e.EntityKey == "Persons");
        var what = JsonDocument.Parse(entry.After!).RootElement;
        Assert.Equal(("人口.csv", rows.Count), (what.GetProperty("文件").GetString(), what.GetProperty("新增").GetInt32()));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file))),
            what.GetProperty("SHA256").GetString());
        Assert.Equal($"{Environment.UserName}（命令行）", entry.UserName);
    }
}
