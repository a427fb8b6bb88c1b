using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Imports;

/// <summary>
/// Checks, in batches, that the household numbers of a file exist and lie within the importer's divisions;
/// remembers each household's village for rules that depend on place (the policy in force).
/// </summary>
internal sealed class HouseholdLookup(FanghuDbContext db)
{
    private readonly List<(string Number, long Row)> _pending = [];
    private readonly Dictionary<string, string> _villages = new(StringComparer.Ordinal);

    public int Pending => _pending.Count;

    public void Add(string number, long row) => _pending.Add((number, row));

    public string? VillageOf(string number) => _villages.GetValueOrDefault(number);

    /// <summary>Resolves the pending numbers; calls back for each that is missing or out of scope.</summary>
    public async Task<List<(string Number, long Row)>> ResolveAsync(string column, ErrorSink errors, CancellationToken ct)
    {
        var resolved = new List<(string, long)>();
        if (_pending.Count == 0) return resolved;
        var numbers = _pending.Select(p => p.Number).Distinct().ToList();
        var found = await db.Households.IgnoreQueryFilters().Where(h => numbers.Contains(h.Number))
            .Select(h => new { h.Number, h.VillageCode }).ToDictionaryAsync(h => h.Number, h => h.VillageCode, ct);
        foreach (var (number, row) in _pending)
        {
            if (!found.TryGetValue(number, out var village))
                errors.Row(row, column, $"户编号 {number} 未登记，请先导入人员信息");
            else if (!db.Scope.Covers(village))
                errors.Row(row, column, $"户 {number} 不在您的管辖范围内");
            else
            {
                _villages[number] = village;
                resolved.Add((number, row));
            }
        }
        _pending.Clear();
        return resolved;
    }
}
