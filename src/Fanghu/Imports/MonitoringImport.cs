using Fanghu.Data;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Imports;

/// <summary>
/// Existing monitoring objects migrated from the national system: one row per household, keyed by
/// (户编号, 识别日期). A row with a new identification date is a new episode (风险再标注).
/// </summary>
internal sealed class MonitoringImport(FanghuDbContext db) : ImportTemplate(db)
{
    public const string HouseholdNumber = "户编号", Category = "监测对象类别", Risks = "风险类型", IdentifiedOn = "识别日期",
        EliminatedOn = "风险消除日期", Method = "风险消除方式";

    private static readonly ColumnSpec[] Spec =
    [
        new(HouseholdNumber, true, "户号"),
        new(Category, true, "监测对象类型"),
        new(Risks, true, "致贫返贫风险", "风险类型（最多5项）"),
        new(IdentifiedOn, true, "纳入监测日期", "识别时间"),
        new(EliminatedOn, false, "消除风险日期", "风险消除时间"),
        new(Method, false, "消除方式"),
    ];

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HouseholdLookup _lookup = new(db);
    private readonly List<CaseRow> _pending = [];
    private readonly List<CaseRow> _batch = [];
    private List<PolicySet> _policies = [];

    public override ImportKind Kind => ImportKind.Monitoring;
    public override IReadOnlyList<ColumnSpec> Columns => Spec;

    public override async Task PrepareAsync(CancellationToken ct) => _policies = await Db.PolicySets.AsNoTracking().ToListAsync(ct);

    public override async Task ValidateAsync(SourceRow row, ColumnMap map, ErrorSink errors, CancellationToken ct)
    {
        var number = map.Get(row, HouseholdNumber);
        if (number.Length > 0 && !_seen.Add(number))
        {
            errors.Row(row.Number, HouseholdNumber, $"户 {number} 在文件中出现了多次（每户一行）");
            return;
        }
        var c = Parse(row, map, (col, m) => errors.Row(row.Number, col, m));
        if (c is null) return;
        _lookup.Add(c.HouseholdNumber, row.Number);
        _pending.Add(c);
        if (_pending.Count >= BatchSize) await ResolveAsync(errors, ct);
    }

    public override Task EndValidationAsync(ErrorSink errors, CancellationToken ct) => ResolveAsync(errors, ct);

    /// <summary>Rules that need the household: the category names of the policy in force, and one open episode at a time.</summary>
    private async Task ResolveAsync(ErrorSink errors, CancellationToken ct)
    {
        var resolved = (await _lookup.ResolveAsync(HouseholdNumber, errors, ct)).Select(r => r.Row).ToHashSet();
        var rows = _pending.Where(p => resolved.Contains(p.Row)).ToList();
        _pending.Clear();
        if (rows.Count == 0) return;

        var numbers = rows.Select(r => r.HouseholdNumber).ToList();
        // Only identified episodes are monitoring records: a workflow case still under identification, or dismissed,
        // has no identification date and neither blocks nor matches a migrated row.
        var registered = await Db.MonitoringCases.Where(m => numbers.Contains(m.Household.Number) && m.IdentifiedOn != null)
            .Select(m => new { m.Household.Number, m.IdentifiedOn, m.EliminatedOn, m.Origin }).ToListAsync(ct);
        var workflow = registered.Where(c => c.Origin == CaseOrigin.Workflow).Select(c => (c.Number, c.IdentifiedOn)).ToHashSet();
        var openByHousehold = registered.Where(c => c.EliminatedOn == null).GroupBy(o => o.Number)
            .ToDictionary(g => g.Key, g => g.Select(o => o.IdentifiedOn).ToList());
        var eliminated = registered.Where(c => c.EliminatedOn != null).ToDictionary(c => (c.Number, c.IdentifiedOn), c => c.EliminatedOn!.Value);

        foreach (var r in rows)
        {
            var policy = PolicyLookup.InForce(_policies, _lookup.VillageOf(r.HouseholdNumber)!, r.IdentifiedOn);
            if (policy is null)
                errors.Row(r.Row, IdentifiedOn, $"识别日期 {r.IdentifiedOn:yyyy年M月d日} 早于最早的政策参数，无法确定监测标准");
            else if (policy.Categories == CategoryScheme.Unified2026 && r.Category != MonitoringCategory.Unified)
                errors.Row(r.Row, Category, $"{r.IdentifiedOn:yyyy年M月d日}识别的对象，类别应为“防止返贫致贫对象”");
            else if (policy.Categories == CategoryScheme.ThreeCategories2021 && r.Category == MonitoringCategory.Unified)
                errors.Row(r.Row, Category, $"{r.IdentifiedOn:yyyy年M月d日}识别的对象，类别应为脱贫不稳定户、边缘易致贫户或突发严重困难户");

            // History is never overwritten: an elimination already recorded is not undone by a blank cell.
            if (r.EliminatedOn is null && r.EliminationColumnGiven && eliminated.TryGetValue((r.HouseholdNumber, r.IdentifiedOn), out var on))
                errors.Row(r.Row, EliminatedOn, $"户 {r.HouseholdNumber} 的这条监测记录已于 {on:yyyy年M月d日} 消除风险，不能通过导入撤销；返贫风险请作为新的识别（风险再标注）");

            // Fanghu's own record (approved, perhaps on its way to elimination) is not the migration's to rewrite.
            if (workflow.Contains((r.HouseholdNumber, r.IdentifiedOn)))
                errors.Row(r.Row, IdentifiedOn, $"户 {r.HouseholdNumber} 于 {r.IdentifiedOn:yyyy年M月d日} 识别的监测记录由本系统流程审定，不能通过导入修改");

            if (openByHousehold.TryGetValue(r.HouseholdNumber, out var openDates) && openDates.Any(d => d != r.IdentifiedOn)
                && r.EliminatedOn is null)
                errors.Row(r.Row, IdentifiedOn, $"户 {r.HouseholdNumber} 已有未消除风险的监测记录（识别日期 {openDates[0]:yyyy年M月d日}），不能再纳入一条未消除的记录");
        }
    }

    public override async Task WriteAsync(SourceRow row, ColumnMap map, ImportCounts counts, CancellationToken ct)
    {
        _batch.Add(Parse(row, map, static (_, _) => { })!);
        if (_batch.Count >= BatchSize) await FlushAsync(counts, ct);
    }

    public override async Task FlushAsync(ImportCounts counts, CancellationToken ct)
    {
        if (_batch.Count == 0) return;
        var numbers = _batch.Select(b => b.HouseholdNumber).ToList();
        var households = await Db.Households.Where(h => numbers.Contains(h.Number)).ToDictionaryAsync(h => h.Number, ct);
        var cases = (await Db.MonitoringCases.Where(m => numbers.Contains(m.Household.Number)).ToListAsync(ct))
            .ToLookup(m => m.HouseholdId);
        foreach (var b in _batch)
        {
            var household = households[b.HouseholdNumber];
            var episodes = cases[household.Id].ToList();
            var same = episodes.FirstOrDefault(e => e.IdentifiedOn == b.IdentifiedOn);
            if (same is null)
            {
                var episode = episodes.Count == 0 ? 1 : episodes.Max(e => e.Episode) + 1;
                Db.MonitoringCases.Add(new MonitoringCase(household, episode, b.Category, b.RiskTypes, b.IdentifiedOn, CaseOrigin.Imported,
                    b.EliminatedOn, b.Method));
                counts.Added++;
            }
            else if (same.Set(b.Category, b.RiskTypes, b.IdentifiedOn, b.EliminatedOn ?? same.EliminatedOn,
                         b.EliminatedOn is null ? same.EliminationMethod : b.Method)) counts.Changed++;
            else counts.Unchanged++;
        }
        await SaveBatchAsync(ct);
        _batch.Clear();
    }

    private static CaseRow? Parse(SourceRow row, ColumnMap map, Action<string, string> error)
    {
        var ok = true;
        void Fail(string column, string message) { ok = false; error(column, message); }

        var number = ParseHouseholdNumber(map.Get(row, HouseholdNumber), HouseholdNumber, Fail);
        Word(MonitoringWords.Category, map.Get(row, Category), Fail, out var category);

        var risks = new List<string>();
        var riskText = map.Get(row, Risks);
        foreach (var part in riskText.Split([';', '；', ',', '，', '、', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (RiskTypes.TryParse(part, out var code)) { if (!risks.Contains(code)) risks.Add(code); }
            else Fail(Risks, $"风险类型“{part}”无法识别，可选：{RiskTypes.Allowed}");
        }
        if (riskText.Length == 0) Fail(Risks, "风险类型未填写");
        else if (risks.Count > RiskTypes.MaxPerCase) Fail(Risks, $"风险类型最多 {RiskTypes.MaxPerCase} 项，本行有 {risks.Count} 项");

        var today = TimeProvider.System.Today();
        if (!CellParsers.TryDate(map.Get(row, IdentifiedOn), out var identified, out var e1)) Fail(IdentifiedOn, e1);
        else if (identified is null) Fail(IdentifiedOn, "识别日期未填写");
        else if (identified > today) Fail(IdentifiedOn, "识别日期不能晚于今天");
        if (!CellParsers.TryDate(map.Get(row, EliminatedOn), out var eliminated, out var e2)) Fail(EliminatedOn, e2);
        else if (eliminated > today) Fail(EliminatedOn, "风险消除日期不能晚于今天");
        else if (eliminated is not null && identified is not null && eliminated < identified) Fail(EliminatedOn, "风险消除日期早于识别日期");

        EliminationMethod? method = null;
        var methodText = map.Get(row, Method);
        if (methodText.Length > 0)
        {
            if (Word(MonitoringWords.Elimination, methodText, Fail, out var m)) method = m;
            if (eliminated is null && ok) Fail(Method, "填写了风险消除方式但没有风险消除日期");
        }
        else if (eliminated is not null) Fail(Method, $"已消除风险须填写风险消除方式：{MonitoringWords.Elimination.Allowed}");

        if (!ok) return null;
        return new CaseRow(row.Number, number, category, risks, identified!.Value, eliminated, method, map.Has(EliminatedOn));
    }

    private sealed record CaseRow(long Row, string HouseholdNumber, MonitoringCategory Category, List<string> RiskTypes,
        DateOnly IdentifiedOn, DateOnly? EliminatedOn, EliminationMethod? Method, bool EliminationColumnGiven);
}
