using Fanghu.Data;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Imports;

/// <summary>The income template: one row per household and year, keyed by (户编号, 年度).</summary>
internal sealed class IncomeImport(FanghuDbContext db) : ImportTemplate(db)
{
    public const string HouseholdNumber = "户编号", Year = "年度", Wages = "工资性收入", OperatingIncome = "生产经营性收入",
        OperatingExpense = "生产经营性支出", Property = "财产性收入", Transfer = "转移性收入", Claims = "理赔收入",
        OutOfPocket = "合规自付支出";

    private static readonly ColumnSpec[] Spec =
    [
        new(HouseholdNumber, true, "户号"),
        new(Year, true, "年份"),
        new(Wages, true, "工资性收入（元）", "务工收入"),
        new(OperatingIncome, true),
        new(OperatingExpense, true),
        new(Property, true),
        new(Transfer, true),
        new(Claims, false),
        new(OutOfPocket, false, "合规自付支出（元）"),
    ];

    private readonly HashSet<(string, int)> _keys = [];
    private readonly HouseholdLookup _lookup = new(db);
    private readonly List<IncomeRow> _batch = [];

    public override ImportKind Kind => ImportKind.Income;
    public override IReadOnlyList<ColumnSpec> Columns => Spec;

    public override async Task ValidateAsync(SourceRow row, ColumnMap map, ErrorSink errors, CancellationToken ct)
    {
        var income = Parse(row, map, (c, m) => errors.Row(row.Number, c, m));
        if (income is null) return;
        if (!_keys.Add((income.HouseholdNumber, income.Year)))
        {
            errors.Row(row.Number, Year, $"户 {income.HouseholdNumber} 的 {income.Year} 年收入重复出现");
            return;
        }
        _lookup.Add(income.HouseholdNumber, row.Number);
        if (_lookup.Pending >= BatchSize) await _lookup.ResolveAsync(HouseholdNumber, errors, ct);
    }

    public override Task EndValidationAsync(ErrorSink errors, CancellationToken ct) => _lookup.ResolveAsync(HouseholdNumber, errors, ct);

    public override async Task WriteAsync(SourceRow row, ColumnMap map, ImportCounts counts, CancellationToken ct)
    {
        _batch.Add(Parse(row, map, static (_, _) => { })!);
        if (_batch.Count >= BatchSize) await FlushAsync(counts, ct);
    }

    public override async Task FlushAsync(ImportCounts counts, CancellationToken ct)
    {
        if (_batch.Count == 0) return;
        var numbers = _batch.Select(b => b.HouseholdNumber).Distinct().ToList();
        var households = await Db.Households.Include(h => h.Incomes).Where(h => numbers.Contains(h.Number))
            .ToDictionaryAsync(h => h.Number, ct);
        foreach (var b in _batch)
        {
            var household = households[b.HouseholdNumber];
            var existing = household.IncomeFor(b.Year);
            if (existing is null)
            {
                household.SetIncome(b.Year, b.Amounts);
                counts.Added++;
            }
            else if (existing.Update(b.Amounts)) counts.Changed++;
            else counts.Unchanged++;
        }
        await SaveBatchAsync(ct);
        _batch.Clear();
    }

    private static IncomeRow? Parse(SourceRow row, ColumnMap map, Action<string, string> error)
    {
        var ok = true;
        void Fail(string column, string message) { ok = false; error(column, message); }

        var number = ParseHouseholdNumber(map.Get(row, HouseholdNumber), HouseholdNumber, Fail);
        if (!CellParsers.TryYear(map.Get(row, Year), out var year, out var yearError)) Fail(Year, yearError);
        else if (year > TimeProvider.System.Today().Year) Fail(Year, $"年度 {year} 尚未到来");

        // A blank required amount is an error, not a zero: a forgotten figure must not pull a household under the line.
        decimal Amount(string column, bool required, out bool present)
        {
            present = false;
            if (!map.Has(column)) return 0;
            if (!CellParsers.TryAmount(map.Get(row, column), out var value, out var e)) { Fail(column, e); return 0; }
            if (value is null && required) { Fail(column, $"{column}未填写（没有此项收入或支出请填 0）"); return 0; }
            if (value < 0) { Fail(column, $"{column}不能为负数"); return 0; }
            present = value is not null;
            return value ?? 0;
        }

        var wages = Amount(Wages, true, out _);
        var operatingIncome = Amount(OperatingIncome, true, out _);
        var operatingExpense = Amount(OperatingExpense, true, out _);
        var property = Amount(Property, true, out _);
        var transfer = Amount(Transfer, true, out _);
        var claims = Amount(Claims, false, out var hasClaims);
        var outOfPocket = Amount(OutOfPocket, false, out var hasOutOfPocket);
        if (!ok) return null;
        return new IncomeRow(number, year, new IncomeAmounts(wages, operatingIncome, operatingExpense, property, transfer,
            hasClaims ? claims : null, hasOutOfPocket ? outOfPocket : null));
    }

    private sealed record IncomeRow(string HouseholdNumber, int Year, IncomeAmounts Amounts);
}
