using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Divisions;

/// <summary>
/// The villages a resident picks from on the public form, grouped by township. One list of a prefecture's few
/// hundred villages is fine on a phone (a native picker, no script); a province's thousands are not, so above
/// <c>maxVillages</c> the resident first narrows down through the divisions (prefecture, county…) with plain links.
/// Divisions are not scoped: anyone may see the names.
/// </summary>
public sealed class ListVillages(FanghuDbContext db)
{
    public sealed record Place(string Code, string Name);

    public sealed record Township(string Code, string Label, IReadOnlyList<Place> Villages);

    /// <param name="Within">The division the list is under (null for everything held), for the page to carry along.</param>
    /// <param name="Path">Its ancestors and itself from the top, named, for “所在地区” and going back up.</param>
    /// <param name="Narrower">The divisions to pick first when the villages are too many for one list; empty otherwise.</param>
    /// <param name="Townships">The villages, grouped by township in code order; empty while narrowing.</param>
    public sealed record Result(string? Within, IReadOnlyList<Place> Path, IReadOnlyList<Place> Narrower, IReadOnlyList<Township> Townships);

    public async Task<Result> HandleAsync(string? within, int maxVillages, CancellationToken ct)
    {
        var divisions = db.Divisions.AsNoTracking();
        string? prefix = null;
        if (DivisionCode.TryParse(within, out var code, out _) && await divisions.AnyAsync(d => d.Code == code.Value, ct))
            prefix = code.Level == DivisionLevel.Village ? code.AtLevel(DivisionLevel.Township) : code.Value;

        // Walk down while the villages are too many, skipping levels with a single division (one province, one
        // prefecture): the resident picks only where there is a choice.
        while (true)
        {
            var villages = prefix is null ? divisions.Where(d => d.Level == DivisionLevel.Village)
                : divisions.Where(d => d.Level == DivisionLevel.Village && d.Code.StartsWith(prefix));
            if (await villages.CountAsync(ct) <= maxVillages) return await ListAsync(prefix, ct);
            var children = await ChildrenAsync(prefix, ct);
            if (children.Count == 0) return await ListAsync(prefix, ct);
            if (children.Count > 1) return new Result(prefix, await PathAsync(prefix, ct), children, []);
            prefix = children[0].Code;
        }
    }

    private async Task<List<Place>> ChildrenAsync(string? prefix, CancellationToken ct)
    {
        var divisions = db.Divisions.AsNoTracking();
        var children = prefix is null
            ? divisions.Where(d => d.ParentCode == null || !db.Divisions.Any(p => p.Code == d.ParentCode))
            : divisions.Where(d => d.ParentCode == prefix);
        return await children.Where(d => d.Level < DivisionLevel.Village).OrderBy(d => d.Code)
            .Select(d => new Place(d.Code, d.Name)).ToListAsync(ct);
    }

    private async Task<Result> ListAsync(string? prefix, CancellationToken ct)
    {
        var rows = await db.Divisions.AsNoTracking()
            .Where(d => d.Level >= DivisionLevel.County && (prefix == null || d.Code.StartsWith(prefix)))
            .Select(d => new { d.Code, d.Name, d.Level, d.ParentCode })
            .ToListAsync(ct);
        var names = rows.ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
        var villages = rows.Where(r => r.Level == DivisionLevel.Village).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        // Two counties may each have a 江边村 under townships of different names; the group says which county when
        // the list spans more than one.
        var counties = villages.Select(v => v.Code[..6]).Distinct().Count();
        var townships = villages.GroupBy(v => v.Code[..9]).Select(g =>
        {
            var township = names.GetValueOrDefault(g.Key, g.Key);
            var label = counties > 1 ? $"{names.GetValueOrDefault(g.Key[..6], g.Key[..6])} {township}" : township;
            return new Township(g.Key, label, [.. g.Select(v => new Place(v.Code, v.Name))]);
        }).ToList();
        return new Result(prefix, await PathAsync(prefix, ct), [], townships);
    }

    private async Task<List<Place>> PathAsync(string? prefix, CancellationToken ct)
    {
        if (prefix is null) return [];
        var codes = new[] { 2, 4, 6, 9 }.Where(n => n <= prefix.Length).Select(n => prefix[..n]).ToList();
        return await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).OrderBy(d => d.Code.Length)
            .Select(d => new Place(d.Code, d.Name)).ToListAsync(ct);
    }
}
