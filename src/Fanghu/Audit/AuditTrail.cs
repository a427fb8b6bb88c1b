using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Fanghu.Data;
using Fanghu.Reports;
using Fanghu.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Fanghu.Audit;

/// <summary>
/// How changes become audit entries (ADR 0014): <see cref="FanghuDbContext"/> saves the changes, then appends one entry
/// per changed record — its values before and after, with the keys the database just gave — chained to the last
/// entry, in the same transaction. What is not audited: the trail itself, the dashboard's derived figures (counted from
/// audited records), and a screening run's bookkeeping (its warnings become leads, which are audited). Password hashes and
/// security stamps are never written into the trail.
/// </summary>
public static class AuditTrail
{
    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditEntry), typeof(DivisionFigure), typeof(UnitFigure), typeof(FigureUnit), typeof(FigureChange), typeof(RiskGap),
        typeof(ScreeningRun), typeof(ScreeningWarning),
        // Sign-in bookkeeping holding secrets: the two-factor key and recovery codes (AspNetUserTokens), external logins.
        typeof(Microsoft.AspNetCore.Identity.IdentityUserToken<string>), typeof(Microsoft.AspNetCore.Identity.IdentityUserLogin<string>),
    ];

    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal) { "PasswordHash", "SecurityStamp", "ConcurrencyStamp" };

    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public const string Added = "新增", Modified = "修改", Deleted = "删除", Read = "查看";

    /// <summary>A bulk write recorded as a whole (its rows go straight to their tables): an import, a screening run.</summary>
    public const string Imported = "导入", Screened = "筛查";

    /// <summary>A change about to be saved, with what it was before (read before saving, while EF still knows it).</summary>
    public sealed record Pending(EntityEntry Entry, string Action, IReadOnlyList<string> Properties, string? Before);

    public static List<Pending> Collect(ChangeTracker tracker)
    {
        var pending = new List<Pending>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (NotAudited.Contains(entry.Metadata.ClrType) || entry.Metadata.IsOwned()) continue;
            var properties = entry.Properties
                .Where(p => !Secret.Contains(p.Metadata.Name) && (entry.State != EntityState.Modified || p.IsModified))
                .Select(p => p.Metadata.Name).ToList();
            if (entry.State == EntityState.Modified && properties.Count == 0) continue;
            var action = entry.State switch { EntityState.Added => Added, EntityState.Modified => Modified, _ => Deleted };
            var before = entry.State == EntityState.Added ? null : Values(entry, properties, original: true);
            pending.Add(new Pending(entry, action, properties, before));
        }
        return pending;
    }

    /// <summary>The entries of saved changes (keys are known now), not yet chained.</summary>
    public static List<AuditEntry> Entries(IEnumerable<Pending> pending, AuditActor actor, DateTimeOffset at) =>
    [
        .. pending.Select(p => new AuditEntry(actor, at, p.Action, p.Entry.Metadata.ClrType.Name, KeyOf(p.Entry), HouseholdOf(p.Entry),
            p.Before, p.Action == Deleted ? null : Values(p.Entry, p.Properties, original: false))),
    ];

    /// <summary>
    /// Adds the entries to the trail, to be saved with the change. They are not chained here: <see cref="AuditSealer"/> does
    /// that in the background, so writers never wait on each other for the chain (ADR 0016).
    /// </summary>
    public static void Append(FanghuDbContext db, IReadOnlyList<AuditEntry> entries) => db.AuditTrail.AddRange(entries);

    /// <summary>
    /// Records a read (查看) of personal data — a full ID number or phone revealed, a health record shown — as an entry of
    /// the trail, saved at once with whatever else the context holds. <paramref name="shown"/> says what was shown and
    /// why (field names, the stated reason), never the values themselves.
    /// </summary>
    public static async Task RecordReadAsync(FanghuDbContext db, string entity, string entityKey, long? householdId,
        IReadOnlyDictionary<string, object?> shown, CancellationToken ct)
    {
        var entry = new AuditEntry(AuditActor.Current, DateTimeOffset.UtcNow, Read, entity, entityKey, householdId, null,
            JsonSerializer.Serialize(new SortedDictionary<string, object?>(shown.ToDictionary(), StringComparer.Ordinal), Json));
        Append(db, [entry]);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The entry of a bulk write as a whole — what was written, from which file, how many rows — to be saved in the
    /// write's own transaction, so it commits or rolls back with the rows.
    /// </summary>
    public static AuditEntry Summary(string action, string entity, string entityKey, IReadOnlyDictionary<string, object?> what) =>
        new(AuditActor.Current, DateTimeOffset.UtcNow, action, entity, entityKey, null, null,
            JsonSerializer.Serialize(new SortedDictionary<string, object?>(what.ToDictionary(), StringComparer.Ordinal), Json));

    private static string KeyOf(EntityEntry entry) =>
        string.Join('|', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue,
            System.Globalization.CultureInfo.InvariantCulture)));

    private static long? HouseholdOf(EntityEntry entry)
    {
        switch (entry.Entity)
        {
            case Registry.Household:
                return (long?)entry.Property("Id").CurrentValue;
            // A case's steps and objections: the household of the case, so that an auditor searching a household finds who
            // decided what and why, not only the case's change of stage.
            case Monitoring.CaseStep { Case: { } c }:
                return c.HouseholdId;
            case Monitoring.Objection { Case: { } c }:
                return c.HouseholdId;
        }
        return entry.Metadata.FindProperty("HouseholdId") is null ? null : entry.Property("HouseholdId").CurrentValue as long?;
    }

    private static string Values(EntityEntry entry, IReadOnlyList<string> properties, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in properties)
        {
            var property = entry.Property(name);
            values[name] = original ? property.OriginalValue : property.CurrentValue;
        }
        return JsonSerializer.Serialize(values, Json);
    }
}
