using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fanghu.Audit;

/// <summary>
/// One line of the audit trail (审计日志): who did what to which record, when and from where, with the values before and
/// after (a read has neither). Append-only: there is no way to change or remove an entry (the context refuses it, and
/// database triggers refuse DELETE and every UPDATE but sealing). Soon after it is written, <see cref="AuditSealer"/> seals
/// the entry into the chain: gives it the next place (<see cref="Seq"/>), the previous entry's hash and its own hash, so a
/// changed or removed entry breaks the chain at that place (<see cref="VerifyAuditTrail"/>).
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        UserId = UserName = Action = Entity = EntityKey = PreviousHash = Hash = "";
    }

    internal AuditEntry(AuditActor actor, DateTimeOffset at, string action, string entity, string entityKey, long? householdId,
        string? before, string? after)
    {
        // Whole milliseconds in UTC: what both databases give back exactly, so the hash can be computed again.
        At = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        UserId = actor.UserId;
        UserName = actor.UserName;
        Role = actor.Role;
        Address = actor.Address;
        Action = action;
        Entity = entity;
        EntityKey = entityKey;
        HouseholdId = householdId;
        Before = before;
        After = after;
        PreviousHash = Hash = "";
    }

    /// <summary>The database's key, given in the order entries are written (not necessarily the order they commit).</summary>
    public long Id { get; private set; }

    /// <summary>The entry's place in the chain once sealed: 1, 2, 3… with no gap; null until then.</summary>
    public long? Seq { get; private set; }

    public DateTimeOffset At { get; private set; }
    public string UserId { get; private set; }
    public string UserName { get; private set; }
    public string? Role { get; private set; }

    /// <summary>The client's address for a web request; null from the command line or a background job.</summary>
    public string? Address { get; private set; }

    /// <summary>新增 / 修改 / 删除 / 查看 (Added, Modified, Deleted, Read).</summary>
    public string Action { get; private set; }

    /// <summary>The record's kind (the entity's name: Household, Person, MonitoringCase…).</summary>
    public string Entity { get; private set; }

    /// <summary>The record's key (its id; several keys joined with '|').</summary>
    public string EntityKey { get; private set; }

    /// <summary>The household the record belongs to, when it belongs to one: what the auditor searches by.</summary>
    public long? HouseholdId { get; private set; }

    /// <summary>The changed values before, as JSON (null for an addition or a read).</summary>
    public string? Before { get; private set; }

    /// <summary>The changed values after, as JSON (null for a deletion); for a read, what was shown.</summary>
    public string? After { get; private set; }

    /// <summary>The hash of the entry before it in the chain; empty until sealed.</summary>
    public string PreviousHash { get; private set; }

    /// <summary>This entry's hash; empty until sealed.</summary>
    public string Hash { get; private set; }

    public bool Sealed => Seq is not null;

    internal void Seal(long seq, string previousHash)
    {
        Seq = seq;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    /// <summary>SHA-256 of every field and the previous entry's hash, as lower-case hex.</summary>
    public string ComputeHash()
    {
        var text = string.Join('\u001f',
            (Seq ?? 0).ToString(CultureInfo.InvariantCulture), At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            UserId, UserName, Role ?? "", Address ?? "", Action, Entity, EntityKey,
            HouseholdId?.ToString(CultureInfo.InvariantCulture) ?? "", Before ?? "\u0000", After ?? "\u0000", PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The hash the first entry chains to.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
}

/// <summary>
/// Who is acting, for the audit trail: set once per web request (from the signed-in user and the client's address), per
/// command-line run and per background job. Flows with the async calls of that request or job.
/// </summary>
public sealed record AuditActor(string UserId, string UserName, string? Role, string? Address)
{
    private static readonly AsyncLocal<AuditActor?> CurrentActor = new();

    /// <summary>Changes made without an actor set (start-up, the demo loader) are recorded as the system's.</summary>
    public static readonly AuditActor System = new("system", "系统", null, null);

    public static AuditActor Current => CurrentActor.Value ?? System;

    /// <summary>Acts as <paramref name="actor"/> for the rest of this async flow.</summary>
    public static void Set(AuditActor? actor) => CurrentActor.Value = actor;
}
