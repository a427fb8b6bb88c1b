using Fanghu.Data;
using Fanghu.Divisions;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Imports;

/// <summary>
/// The divisions template: 代码, 名称, 上级代码. A parent must exist already or come in the same file
/// (in any order). Divisions are few (a province has tens of thousands), so the write pass sorts them.
/// </summary>
internal sealed class DivisionsImport(FanghuDbContext db) : ImportTemplate(db)
{
    public const string Code = "代码", Name = "名称", Parent = "上级代码";

    private static readonly ColumnSpec[] Spec =
    [
        new(Code, true, "区划代码", "统计用区划代码", "行政区划代码"),
        new(Name, true, "区划名称", "名称（中文）"),
        new(Parent, false, "上级区划代码", "父级代码"),
    ];

    private readonly Dictionary<string, long> _codes = new(StringComparer.Ordinal);
    private readonly List<(string Parent, long Row)> _parentsToCheck = [];
    private readonly List<(DivisionCode Code, string Name)> _rows = [];
    private HashSet<string> _existing = [];

    public override ImportKind Kind => ImportKind.Divisions;
    public override IReadOnlyList<ColumnSpec> Columns => Spec;

    public override async Task PrepareAsync(CancellationToken ct) =>
        _existing = (await Db.Divisions.Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    public override Task ValidateAsync(SourceRow row, ColumnMap map, ErrorSink errors, CancellationToken ct)
    {
        var parsed = Parse(row, map, (c, m) => errors.Row(row.Number, c, m));
        if (parsed is null)
        {
            // Remember a bad row's code all the same, so its children are told their parent's row is wrong.
            if (DivisionCode.TryParse(map.Get(row, Code), out var bad, out _)) _codes.TryAdd(bad.Value, row.Number);
            return Task.CompletedTask;
        }
        var code = parsed.Value.Code;
        if (!_codes.TryAdd(code.Value, row.Number))
        {
            errors.Row(row.Number, Code, $"代码 {code} 重复出现（第 {_codes[code.Value]} 行）");
            return Task.CompletedTask;
        }
        if (code.ParentPrefix is { } parent && !_existing.Contains(parent))
            _parentsToCheck.Add((parent, row.Number));
        return Task.CompletedTask;
    }

    /// <summary>
    /// A parent must be registered or come in this file on a row that is itself good; repeated until nothing
    /// changes, so a refused row also refuses its children and no orphan can be written with --skip-invalid.
    /// </summary>
    public override Task EndValidationAsync(ErrorSink errors, CancellationToken ct)
    {
        var pending = _parentsToCheck.ToList();
        bool refusedAny;
        do
        {
            refusedAny = false;
            foreach (var (parent, row) in pending.ToList())
            {
                if (_codes.TryGetValue(parent, out var parentRow) && !errors.IsRejected(parentRow, null)) continue;
                errors.Row(row, Parent, _codes.ContainsKey(parent)
                    ? $"上级 {parent} 所在的行（第 {parentRow} 行）有错误"
                    : $"上级 {parent} 既不在区划表中，也不在本文件中");
                pending.Remove((parent, row));
                refusedAny = true;
            }
        }
        while (refusedAny);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(SourceRow row, ColumnMap map, ImportCounts counts, CancellationToken ct)
    {
        _rows.Add(Parse(row, map, static (_, _) => { })!.Value);
        return Task.CompletedTask;
    }

    public override async Task FlushAsync(ImportCounts counts, CancellationToken ct)
    {
        var existing = await Db.Divisions.ToDictionaryAsync(d => d.Code, ct);
        foreach (var (code, name) in _rows.OrderBy(r => r.Code.Level))
        {
            if (existing.TryGetValue(code.Value, out var division))
            {
                if (division.Rename(name)) counts.Changed++; else counts.Unchanged++;
            }
            else
            {
                var parent = code.ParentPrefix is { } p ? DivisionCode.Parse(p) : (DivisionCode?)null;
                Db.Divisions.Add(new Division(code, name, parent));
                counts.Added++;
            }
        }
        await SaveBatchAsync(ct);
    }

    private (DivisionCode Code, string Name)? Parse(SourceRow row, ColumnMap map, Action<string, string> error)
    {
        var ok = true;
        void Fail(string column, string message) { ok = false; error(column, message); }

        if (!DivisionCode.TryParse(map.Get(row, Code), out var code, out var codeError)) Fail(Code, codeError);
        var name = Required(map.Get(row, Name), Name, 100, Fail);
        var parentText = map.Get(row, Parent);
        if (ok && parentText.Length > 0)
        {
            if (!DivisionCode.TryParse(parentText, out var parent, out var parentError)) Fail(Parent, parentError);
            else if (parent.Value != code.ParentPrefix)
                Fail(Parent, code.ParentPrefix is null ? $"{code} 是省级代码，不应有上级" : $"{code} 的上级应为 {code.ParentPrefix}，不是 {parent}");
        }
        if (ok && !Db.Scope.Covers(code.Value) && !Db.Scope.Unrestricted)
            Fail(Code, $"区划 {code} 不在您的管辖范围内");
        return ok ? (code, name) : null;
    }
}
