using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Reports;

/// <summary>
/// A frozen report beside the same report computed today for the same division and period, figure by figure: every
/// value of the published JSON (and of the drill-down rows) as frozen and as it is now, the ones that differ flagged,
/// and one plain sentence listing them (冻结后数据有更正：…). Rows of a list (a category, a risk type, an area, a
/// division one level down) are matched by what they are, not by position, since a list shows only its non-empty rows.
/// A snapshot outside the user's divisions is not found.
/// </summary>
public sealed class CompareSnapshot(FanghuDbContext db, TimeProvider clock)
{
    /// <param name="Path">A stable key of the value (monitored.households, byCategory[脱贫不稳定户].persons).</param>
    /// <param name="Label">The value's name in Chinese (累计纳入监测 · 户数).</param>
    /// <param name="Frozen">The value as frozen; null when the row did not exist then.</param>
    /// <param name="Live">The value today; null when the row does not exist now (or today's report was refused).</param>
    public sealed record Line(string Path, string Label, string? Frozen, string? Live, bool Changed);

    /// <param name="Lines">The report's own figures.</param>
    /// <param name="ChildLines">The drill-down rows' figures; empty for a report without them.</param>
    /// <param name="LiveMessage">Why today's report could not be computed (the division was removed…), or empty.</param>
    /// <param name="Summary">冻结后数据有更正：… when anything differs; empty when today's figures are the frozen ones.</param>
    public sealed record Result(ReportSnapshot? Snapshot, string DivisionName, IReadOnlyList<Line> Lines, IReadOnlyList<Line> ChildLines,
        string LiveMessage, string Summary, SnapshotRefusal? Refused, string Message)
    {
        [MemberNotNullWhen(true, nameof(Snapshot))]
        public bool Ok => Snapshot is not null;

        public int Changes => Lines.Count(l => l.Changed) + ChildLines.Count(l => l.Changed);
    }

    public async Task<Result> HandleAsync(long id, CancellationToken ct)
    {
        var snapshot = await db.ReportSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (snapshot is null) return new(null, "", [], [], "", "", SnapshotRefusal.NotFound, $"没有编号为 {id} 的冻结报表，或不在您的管辖范围内");

        var live = await new PeriodReport(db, clock).HandleAsync(snapshot.Kind, snapshot.DivisionCode, snapshot.Period, snapshot.Variant, ct);
        var name = live.Ok ? live.DivisionName
            : await db.Divisions.AsNoTracking().Where(d => d.Code == snapshot.DivisionCode).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        var lines = Compare(snapshot.ReportJson, live.ReportJson, "");
        var childLines = snapshot.ChildrenJson is null ? [] : Compare(snapshot.ChildrenJson, live.ChildrenJson, "下级区划");
        var changed = lines.Concat(childLines).Where(l => l.Changed).ToList();
        var summary = !live.Ok || changed.Count == 0 ? ""
            : "冻结后数据有更正：" + string.Join("；", changed.Select(l => $"{l.Label} 由 {l.Frozen ?? "（无）"} 变为 {l.Live ?? "（无）"}")) + "。";
        return new(snapshot, name, lines, childLines, live.Ok ? "" : live.Message, summary, null, "");
    }

    /// <summary>Every value of the frozen JSON beside the same value of today's, then the values only today has.</summary>
    public static IReadOnlyList<Line> Compare(string frozenJson, string? liveJson, string root)
    {
        var frozen = Flatten(frozenJson, root);
        var live = liveJson is null ? null : Flatten(liveJson, root);
        var lines = frozen.Select(f =>
        {
            var now = live is not null && live.TryGetValue(f.Key, out var l) ? l.Value : null;
            return new Line(f.Key, f.Value.Label, f.Value.Value, now, live is not null && now != f.Value.Value);
        }).ToList();
        if (live is not null)
            lines.AddRange(live.Where(l => !frozen.ContainsKey(l.Key)).Select(l => new Line(l.Key, l.Value.Label, null, l.Value.Value, true)));
        return lines;
    }

    /// <summary>Path → (label, value as written in the JSON), in document order.</summary>
    private static OrderedDictionary<string, (string Label, string Value)> Flatten(string json, string root)
    {
        var values = new OrderedDictionary<string, (string, string)>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement, "", root, values);
        return values;
    }

    private static void Walk(JsonElement e, string path, string label, OrderedDictionary<string, (string, string)> values)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var identity = path.EndsWith(']') ? Identifying : [];
                foreach (var p in e.EnumerateObject())
                {
                    if (identity.Contains(p.Name)) continue;
                    var word = Labels.GetValueOrDefault(p.Name, p.Name);
                    Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}", Join(label, word), values);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    var key = KeyOf(item) ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Walk(item, $"{path}[{key}]", Join(label, key), values);
                    i++;
                }
                break;
            case JsonValueKind.String:
                values[path] = (label, e.GetString() ?? "");
                break;
            default:
                values[path] = (label, e.GetRawText());
                break;
        }
    }

    private static string Join(string label, string word) => word.Length == 0 ? label : label.Length == 0 ? word : $"{label} · {word}";

    /// <summary>What a row of a list is: a division (name and code), a risk type, a category or an area.</summary>
    private static string? KeyOf(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object) return null;
        string? Text(string name) => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var code = Text("code");
        var name = Text("name");
        if (item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Null && name is null) return "本级";
        if (code is not null) return name is null ? code : $"{name}（{code}）";
        return Text("category") ?? Text("area");
    }

    private static readonly HashSet<string> Identifying = ["code", "name", "category", "area"];

    /// <summary>The reports' JSON names in Chinese, as the pages and exports name the figures.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["division"] = "区划",
        ["asOf"] = "截至日期",
        ["from"] = "开始日期",
        ["to"] = "结束日期",
        ["year"] = "年度",
        ["householdType"] = "户类型",
        ["monitored"] = "累计纳入监测",
        ["eliminated"] = "已消除风险",
        ["notEliminated"] = "未消除风险",
        ["byCategory"] = "按类别",
        ["byRiskType"] = "按风险类型",
        ["newlyIdentified"] = "本年新识别纳入",
        ["newlyEliminated"] = "本年新消除风险",
        ["eliminationRate"] = "风险消除率（%）",
        ["households"] = "户数",
        ["persons"] = "人数",
        ["received"] = "受理",
        ["completed"] = "办结",
        ["completionRate"] = "办结率（%）",
        ["overdue"] = "超期未办结",
        ["byArea"] = "按事项类别",
        ["perCapitaNetIncome"] = "人均纯收入（元）",
        ["previousYear"] = "上年人均纯收入（元）",
        ["change"] = "较上年增减（元）",
        ["changePct"] = "较上年增减（%）",
        ["shares"] = "收入结构（%）",
        ["figures"] = "",
    };
}
