using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Imports;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Reports;

/// <summary>
/// The frozen reports the user may see (snapshots of divisions inside their scope, the query filter's rule), newest
/// first; with a division, those of it and of the divisions under it. The figures stay in the database: a list row
/// carries what identifies a snapshot and who froze it.
/// </summary>
public sealed class ListSnapshots(FanghuDbContext db)
{
    public const int Limit = 500;

    public sealed record Row(long Id, ReportKind Kind, string Division, string? DivisionName, PeriodKind PeriodKind, DateOnly PeriodEnd,
        string Variant, int Version, string? Reason, string FrozenByName, Role FrozenByRole, DateTimeOffset FrozenAt, string? Note)
    {
        public ReportPeriod Period => new(PeriodKind, PeriodEnd);
    }

    /// <param name="Rows">At most <see cref="Limit"/> rows.</param>
    public sealed record Result(IReadOnlyList<Row> Rows, string? Error);

    public async Task<Result> HandleAsync(string? division, CancellationToken ct)
    {
        var snapshots = db.ReportSnapshots.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            if (!DivisionCode.TryParse(CellParsers.ToHalfWidth(division), out var code, out var error)) return new([], error);
            var value = code.Value;
            snapshots = code.Level switch
            {
                DivisionLevel.Province => snapshots.Where(s => s.ProvinceCode == value),
                DivisionLevel.Prefecture => snapshots.Where(s => s.PrefectureCode == value),
                DivisionLevel.County => snapshots.Where(s => s.CountyCode == value),
                DivisionLevel.Township => snapshots.Where(s => s.TownshipCode == value),
                _ => snapshots.Where(s => s.DivisionCode == value),
            };
        }
        // Ids grow with time; SQLite cannot order by a DateTimeOffset column.
        var rows = await snapshots.OrderByDescending(s => s.Id).Take(Limit)
            .Select(s => new Row(s.Id, s.Kind, s.DivisionCode, db.Divisions.Where(d => d.Code == s.DivisionCode).Select(d => d.Name).FirstOrDefault(),
                s.PeriodKind, s.PeriodEnd, s.Variant, s.Version, s.Reason, s.FrozenByName, s.FrozenByRole, s.FrozenAt, s.Note))
            .ToListAsync(ct);
        return new(rows, null);
    }
}
