using System.Globalization;
using System.Text.Json;
using Fanghu.Applications;
using Fanghu.Data;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Audit;

/// <summary>
/// The auditor's search of the audit trail (审计日志查询, docs/adr/0017): by person (ID number or exact name: that person's
/// entries and their household's), household (户编号), user (user name) and China dates, newest first, a page at a time.
/// Scope: the administrator (unrestricted) sees every entry; any other account only the entries of households inside its
/// divisions — entries without a household (accounts, policy sets, divisions, applications of people the registry does
/// not know) are not shown to it. ID numbers and phones inside the values before and after are masked like everywhere.
/// </summary>
public sealed class SearchAuditTrail(FanghuDbContext db)
{
    public sealed record Request(string? Person, string? Household, string? User, DateOnly? From, DateOnly? To, int? Page, int? PageSize = null);

    /// <param name="At">China time.</param>
    /// <param name="EntityName">The record's kind in Chinese (户, 人员…), or its code name when there is none.</param>
    /// <param name="Values">Each field with its value before and after (a read: what was shown, as after).</param>
    public sealed record Row(long Id, DateTime At, string UserName, string? Role, string? Address, string Action, string Entity,
        string EntityName, string EntityKey, long? HouseholdId, string? HouseholdNumber, IReadOnlyList<Value> Values);

    public sealed record Value(string Field, string? Before, string? After);

    private static readonly Dictionary<string, string> EntityNames = new(StringComparer.Ordinal)
    {
        ["Household"] = "户",
        ["Person"] = "人员",
        ["HouseholdIncome"] = "收支",
        ["GuaranteeCheck"] = "两不愁三保障核查",
        ["NaturalChange"] = "自然变更",
        ["MonitoringCase"] = "监测对象",
        ["CaseStep"] = "流程步骤",
        ["Objection"] = "异议",
        ["Lead"] = "线索",
        ["IncomeAssessment"] = "收入核算",
        ["AssistanceMeasure"] = "帮扶措施",
        ["AssistanceApplication"] = "救助申请",
        ["ApplicationStep"] = "申请办理步骤",
        ["PolicySet"] = "政策参数",
        ["Division"] = "行政区划",
        ["FanghuUser"] = "账号",
        ["ScreeningRule"] = "筛查规则",
        ["ReportSnapshot"] = "报表冻结",
    };

    public static string EntityName(string entity) => EntityNames.GetValueOrDefault(entity, entity);

    public async Task<Paged<Row>> HandleAsync(Request r, CancellationToken ct)
    {
        var (number, size) = Paging.Clamp(r.Page, r.PageSize);
        var entries = (r.From is null && r.To is null ? db.AuditTrail
            : Between(r.From is { } from ? ChinaMidnight(Clamp(from)) : DateTimeOffset.UnixEpoch,
                r.To is { } to ? ChinaMidnight(Clamp(to).AddDays(1)) : new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero))).AsNoTracking();
        // The households query is scoped by the query filters: a restricted account sees its households' entries only.
        if (!db.Scope.Unrestricted)
            entries = entries.Where(e => e.HouseholdId != null && db.Households.Any(h => h.Id == e.HouseholdId));

        if (Clean(r.Person) is { } person)
        {
            var id = IdNumber.Parse(person).Value?.Value;
            var persons = await (id is null ? db.Persons.Where(p => p.Name == person) : db.Persons.Where(p => p.IdNumber == id))
                .AsNoTracking().Select(p => new { p.Id, p.HouseholdId }).ToListAsync(ct);
            var households = persons.Select(p => (long?)p.HouseholdId).Distinct().ToList();
            var personKeys = persons.Select(p => p.Id.ToString(CultureInfo.InvariantCulture)).ToList();
            var applicationKeys = (await (id is null ? db.Applications.Where(a => a.ApplicantName == person) : db.Applications.Where(a => a.IdNumber == id))
                .AsNoTracking().Select(a => a.Id).ToListAsync(ct))
                .Select(a => a.ToString(CultureInfo.InvariantCulture)).ToList();
            entries = entries.Where(e => households.Contains(e.HouseholdId)
                || (e.Entity == nameof(Registry.Person) && personKeys.Contains(e.EntityKey))
                || (e.Entity == nameof(AssistanceApplication) && applicationKeys.Contains(e.EntityKey)));
        }
        if (Clean(r.Household) is { } householdNumber)
        {
            var household = await db.Households.AsNoTracking().Where(h => h.Number == householdNumber).Select(h => (long?)h.Id).FirstOrDefaultAsync(ct);
            entries = household is { } householdId ? entries.Where(e => e.HouseholdId == householdId) : entries.Where(e => false);
        }
        if (Clean(r.User) is { } user) entries = entries.Where(e => e.UserName == user);

        var total = await entries.CountAsync(ct);
        // The chain's order is the order of writing: the highest id is the newest entry.
        var page = await entries.OrderByDescending(e => e.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var ids = page.Where(e => e.HouseholdId != null).Select(e => e.HouseholdId!.Value).Distinct().ToList();
        var numbers = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Number, ct);
        var rows = page.Select(e => new Row(e.Id, ChinaTime.ToChinaTime(e.At), e.UserName, e.Role, e.Address, e.Action, e.Entity,
            EntityName(e.Entity), e.EntityKey, e.HouseholdId, e.HouseholdId is { } h ? numbers.GetValueOrDefault(h) : null,
            Values(e.Before, e.After))).ToList();
        return new Paged<Row>(rows, number, size, total);
    }

    /// <summary>The fields of the values before and after, in one list; ID numbers and phones masked.</summary>
    public static IReadOnlyList<Value> Values(string? before, string? after)
    {
        var old = Parse(before);
        var now = Parse(after);
        return [.. old.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Select(f => new Value(f, Mask(f, old.GetValueOrDefault(f)), Mask(f, now.GetValueOrDefault(f))))];
    }

    /// <summary>Masks a value by the name of its field (IdNumber, Phone and any field named after them).</summary>
    public static string? Mask(string field, string? value)
    {
        if (value is null) return null;
        if (field.Contains("IdNumber", StringComparison.OrdinalIgnoreCase)) return IdNumber.Mask(value);
        if (field.Contains("Phone", StringComparison.OrdinalIgnoreCase)) return PhoneNumber.Mask(value);
        return value;
    }

    private static Dictionary<string, string?> Parse(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json)) return values;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return values;
            foreach (var p in document.RootElement.EnumerateObject())
                values[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Array => string.Join("、", p.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                    _ => p.Value.GetRawText(),
                };
        }
        catch (JsonException)
        {
            // Written by the trail itself, so always JSON; were it not, nothing is shown rather than raw text that might hold an ID number.
        }
        return values;
    }

    /// <summary>
    /// The entries written from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive). SQLite keeps a
    /// DateTimeOffset as text, which EF does not compare; every entry is stored in UTC (AuditEntry) in the provider's
    /// "yyyy-MM-dd HH:mm:ss.FFFFFFF+00:00" form, so bounds in the same form (whole seconds) compare as text in time order.
    /// </summary>
    private IQueryable<AuditEntry> Between(DateTimeOffset start, DateTimeOffset end) =>
        db.Provider == DatabaseProvider.Sqlite
            ? db.AuditTrail.FromSqlRaw("SELECT * FROM \"AuditTrail\" WHERE \"At\" >= {0} AND \"At\" < {1}", SqliteText(start), SqliteText(end))
            : db.AuditTrail.Where(e => e.At >= start && e.At < end);

    private static string SqliteText(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00:00";

    /// <summary>Dates far outside the trail's life (a typed 0001 or 9999) ask for everything before or after it.</summary>
    private static DateOnly Clamp(DateOnly date) =>
        date < new DateOnly(2000, 1, 1) ? new DateOnly(2000, 1, 1) : date > new DateOnly(2999, 12, 31) ? new DateOnly(2999, 12, 31) : date;

    private static DateTimeOffset ChinaMidnight(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
