using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Registry;

/// <summary>The home page's figures: what lies inside the user's scope.</summary>
public sealed class ScopeSummary(FanghuDbContext db)
{
    public sealed record Result(int Households, int Persons, int MonitoringCases, int OpenMonitoringCases);

    public async Task<Result> HandleAsync(CancellationToken ct) => new(
        await db.Households.CountAsync(ct),
        await db.Persons.CountAsync(p => p.Status == Fanghu.Registry.PersonStatus.Member, ct),
        await db.MonitoringCases.CountAsync(ct),
        await db.MonitoringCases.CountAsync(c => c.EliminatedOn == null, ct));
}
