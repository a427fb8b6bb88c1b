using Fanghu.Data;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Screening;

/// <summary>
/// One screening run and a page of its warnings, each with whose it is (ID numbers masked), the rule version, the
/// value against the threshold, the source rows and the case its lead went to. Warnings are household data: an
/// account sees those in its divisions only.
/// </summary>
public sealed class GetRun(FanghuDbContext db)
{
    public const int PageSize = 50;

    public sealed record Warning(long Id, string RuleKey, int RuleVersion, long HouseholdId, string HouseholdNumber, string? PersonName,
        string? IdNumberMasked, int Period, decimal Value, decimal Threshold, int RowCount, string SourceRows, string Explanation, long? CaseId);

    public sealed record Result(ScreeningRun Run, Paged<Warning> Warnings);

    /// <summary>Null when the run does not exist or the account may not see it (the two look the same).</summary>
    public async Task<ScreeningRun?> RunAsync(RunViewer viewer, long id, CancellationToken ct) =>
        await viewer.Visible(db.ScreeningRuns.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id, ct);

    public async Task<Result?> HandleAsync(RunViewer viewer, long id, int? page, CancellationToken ct)
    {
        if (await RunAsync(viewer, id, ct) is not { } run) return null;
        var (number, size) = Paging.Clamp(page, PageSize);
        var total = await db.ScreeningWarnings.AsNoTracking().Where(w => w.RunId == id).CountAsync(ct);
        var items = await WarningsAsync(id, (number - 1) * size, size, ct);
        return new Result(run, new Paged<Warning>(items, number, size, total));
    }

    /// <summary>Every warning of the run the account may see, in order, for the XLSX export; null as <see cref="HandleAsync"/>.</summary>
    public async Task<(ScreeningRun Run, IReadOnlyList<Warning> Warnings)?> AllAsync(RunViewer viewer, long id, CancellationToken ct)
    {
        if (await RunAsync(viewer, id, ct) is not { } run) return null;
        return (run, await WarningsAsync(id, 0, int.MaxValue, ct));
    }

    private async Task<List<Warning>> WarningsAsync(long id, int skip, int take, CancellationToken ct)
    {
        var warnings = db.ScreeningWarnings.AsNoTracking().Where(w => w.RunId == id);
        var query = (
                from w in warnings
                join p in db.Persons on w.PersonId equals p.Id into persons
                from p in persons.DefaultIfEmpty()
                join l in db.Leads on w.LeadId equals l.Id into leads
                from l in leads.DefaultIfEmpty()
                orderby w.Id
                select new
                {
                    w.Id,
                    w.RuleKey,
                    w.RuleVersion,
                    w.HouseholdId,
                    HouseholdNumber = w.Household.Number,
                    PersonName = p == null ? null : p.Name,
                    IdNumber = p == null ? null : p.IdNumber,
                    w.Period,
                    w.Value,
                    w.Threshold,
                    w.RowCount,
                    w.SourceRows,
                    w.Explanation,
                    CaseId = l == null ? (long?)null : l.CaseId,
                });
        if (skip > 0) query = query.Skip(skip);
        if (take < int.MaxValue) query = query.Take(take);
        var rows = await query.ToListAsync(ct);
        return [.. rows.Select(w => new Warning(w.Id, w.RuleKey, w.RuleVersion, w.HouseholdId, w.HouseholdNumber, w.PersonName,
            w.IdNumber is null ? null : IdNumber.Mask(w.IdNumber), w.Period, w.Value, w.Threshold, w.RowCount, w.SourceRows, w.Explanation,
            w.CaseId))];
    }
}
