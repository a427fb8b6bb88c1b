using Fanghu.Accounts;
using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Screening;

/// <summary>
/// Who is looking at screening runs: a department account sees its own department's runs, like any other account only
/// the runs
/// whose area overlaps its divisions — a county its county's runs and the prefecture-wide ones whose warnings it follows
/// up, not another county's.
/// </summary>
public sealed record RunViewer(Role Role, string? Department, DataScope Scope)
{
    /// <summary>Runs are not household data (no query filter): which of them an account sees is this rule.</summary>
    public IQueryable<ScreeningRun> Visible(IQueryable<ScreeningRun> runs)
    {
        // A department's own runs, and only in its jurisdiction (DESIGN §1): 医保 of another prefecture is not its.
        if (Role == Role.Department) runs = runs.Where(r => Department != null && r.Department == Department);
        if (Scope.Unrestricted) return runs;
        var codes = Scope.Codes.ToList();
        return runs.Where(r => r.ScopeCode == null || codes.Any(c => r.ScopeCode.StartsWith(c) || c.StartsWith(r.ScopeCode)));
    }
}

/// <summary>The screening runs an account may see, newest first (部门筛查 page).</summary>
public sealed class ListRuns(FanghuDbContext db)
{
    public sealed record Row(long Id, DatasetKind Dataset, string FileName, RunStatus Status, DateTimeOffset StartedAt,
        DateTimeOffset LastProgressAt, DateTimeOffset? FinishedAt, string StartedByName, string? Department, long RowsRead,
        long RowsMatched, int Hits, int NewWarnings, int AlreadyKnown, int ErrorCount);

    public async Task<Registry.Paged<Row>> HandleAsync(RunViewer viewer, int? page, CancellationToken ct)
    {
        var (number, size) = Registry.Paging.Clamp(page, Registry.Paging.DefaultSize);
        var runs = viewer.Visible(db.ScreeningRuns.AsNoTracking());
        var total = await runs.CountAsync(ct);
        var items = await runs.OrderByDescending(r => r.Id).Skip((number - 1) * size).Take(size)
            .Select(r => new Row(r.Id, r.Dataset, r.FileName, r.Status, r.StartedAt, r.LastProgressAt, r.FinishedAt, r.StartedByName,
                r.Department, r.RowsRead, r.RowsMatched, r.Hits, r.NewWarnings, r.AlreadyKnown, r.ErrorCount))
            .ToListAsync(ct);
        return new(items, number, size, total);
    }
}
