using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Divisions;

/// <summary>The children of a division, or the top of the tree held in the database.</summary>
public sealed class ListDivisions(FanghuDbContext db)
{
    public sealed record DivisionRow(string Code, string Name, DivisionLevel Level, string? ParentCode);

    public async Task<IReadOnlyList<DivisionRow>> HandleAsync(string? parent, CancellationToken ct)
    {
        var divisions = db.Divisions.AsNoTracking();
        divisions = string.IsNullOrWhiteSpace(parent)
            ? divisions.Where(d => d.ParentCode == null || !db.Divisions.Any(p => p.Code == d.ParentCode))
            : divisions.Where(d => d.ParentCode == parent.Trim());
        return await divisions.OrderBy(d => d.Code)
            .Select(d => new DivisionRow(d.Code, d.Name, d.Level, d.ParentCode))
            .ToListAsync(ct);
    }

    /// <summary>Names of the given codes, in their order; unknown codes are shown as the code.</summary>
    public async Task<IReadOnlyList<DivisionRow>> NamesAsync(IReadOnlyList<string> codes, CancellationToken ct)
    {
        if (codes.Count == 0) return [];
        var found = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code))
            .Select(d => new DivisionRow(d.Code, d.Name, d.Level, d.ParentCode))
            .ToDictionaryAsync(d => d.Code, ct);
        return [.. codes.Select(c => found.TryGetValue(c, out var d) ? d : new DivisionRow(c, c, default, null))];
    }
}
