using Fanghu.Imports;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Screening;

/// <summary>One division's households flagged by the rules in force and by the draft set; the newly flagged are in the draft only.</summary>
public sealed record WhatIfRow(string Code, string Name, bool IsCounty, int Current, int Proposed, int Newly, int NoLonger);

public sealed record WhatIfResult(
    string Dataset,
    string File,
    long RowsRead,
    long RowsMatched,
    IReadOnlyList<string> CurrentRules,
    IReadOnlyList<string> ProposedRules,
    int Current,
    int Proposed,
    int Newly,
    int NoLonger,
    IReadOnlyList<WhatIfRow> Divisions,
    int ErrorCount,
    IReadOnlyList<ImportError> Errors);

/// <summary>
/// What-if (§6): screens a file with the rules in force and, in the same pass, with the draft set (each rule's latest
/// draft version in place of its active one), and counts per county and township the households each would flag —
/// without writing anything: no run, no warning, no lead. Rows with errors are reported and left out.
/// </summary>
public sealed class WhatIf(CaseWork work)
{
    public async Task<WhatIfResult> HandleAsync(DatasetType dataset, string path, ScreeningOptions o, CancellationToken ct)
    {
        ScreenFile.CheckMay(o, dataset);
        var db = work.Db;
        var asOf = o.AsOf ?? work.Today;
        if (asOf > work.Today) throw new WorkflowRuleException("筛查日期不能晚于今天");
        var rules = await db.ScreeningRules.AsNoTracking()
            .Where(r => r.Dataset == dataset.Kind && (r.Status == RuleStatus.Active || r.Status == RuleStatus.Draft)).ToListAsync(ct);
        var current = rules.Where(r => r.Status == RuleStatus.Active).ToList();
        var proposed = rules.GroupBy(r => (r.Key, r.DivisionCode))
            .Select(g => g.Where(r => r.Status == RuleStatus.Draft).MaxBy(r => r.Version) ?? g.MaxBy(r => r.Version)!)
            .ToList();
        if (!rules.Any(r => r.Status == RuleStatus.Draft))
            throw new WorkflowRuleException($"{dataset.Name}没有草稿规则：请先在规则页面保存一个草稿版本，再做模拟测算");

        var registry = await RegistrySnapshot.LoadAsync(db, asOf, ct);
        using var file = DatasetFile.Open(dataset, path);
        if (file.Map is not { } map)
            return new WhatIfResult(dataset.Name, o.FileName ?? Path.GetFileName(path), 0, 0, [], [], 0, 0, 0, 0, [], file.HeaderErrors.Count, file.HeaderErrors);

        var errors = new ErrorSink();
        var compiledNow = current.Select(r => new CompiledRule(r, r.Definition, dataset, map)).ToList();
        var compiledDraft = proposed.Select(r => new CompiledRule(r, r.Definition, dataset, map)).ToList();
        var now = new ScreeningEngine(dataset, compiledNow, asOf, map, errors);
        var draft = new ScreeningEngine(dataset, compiledDraft, asOf, map, new ErrorSink());
        file.Feed([now, draft], () =>
        {
            if (now.RowsRead % 4096 == 0) ct.ThrowIfCancellationRequested();
        });

        HashSet<int> Households(IEnumerable<Hit> hits) =>
            [.. hits.Select(h => h.SubjectIsPerson ? registry.Persons[h.Subject].Household : h.Subject)];
        var before = Households(now.Finish(registry));
        var after = Households(draft.Finish(registry));

        var names = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var rows = new List<WhatIfRow>();
        foreach (var county in before.Concat(after).Select(h => registry.Households[h].CountyCode).Distinct().Order(StringComparer.Ordinal))
        {
            rows.Add(Row(county, true, h => registry.Households[h].CountyCode == county));
            foreach (var township in before.Concat(after).Where(h => registry.Households[h].CountyCode == county)
                         .Select(h => Township(registry.Households[h].VillageCode)).Distinct().Order(StringComparer.Ordinal))
                rows.Add(Row(township, false, h => Township(registry.Households[h].VillageCode) == township));
        }
        WhatIfRow Row(string code, bool isCounty, Func<int, bool> inDivision)
        {
            var b = before.Where(inDivision).ToHashSet();
            var a = after.Where(inDivision).ToHashSet();
            return new WhatIfRow(code, names.GetValueOrDefault(code, code), isCounty, b.Count, a.Count, a.Count(h => !b.Contains(h)), b.Count(h => !a.Contains(h)));
        }

        return new WhatIfResult(dataset.Name, o.FileName ?? Path.GetFileName(path), now.RowsRead, now.RowsMatched,
            [.. current.OrderBy(r => r.Key).Select(Label)], [.. proposed.OrderBy(r => r.Key).Select(Label)],
            before.Count, after.Count, after.Count(h => !before.Contains(h)), before.Count(h => !after.Contains(h)), rows, errors.Total, errors.Kept);
    }

    private static string Label(ScreeningRule r) => r.DivisionCode is null ? r.Label : $"{r.Label}@{r.DivisionCode}";

    /// <summary>The township of a 12-digit village code (its first 9 digits).</summary>
    private static string Township(string village) => village.Length >= 9 ? village[..9] : village;
}
