using Fanghu.Applications;
using Fanghu.Demo;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.BrowserTests.Infrastructure;

/// <summary>
/// The demo prefecture holds no residents' applications: the page checks file one in the first village, by one of its
/// residents, as the public page files it — once for the run, whichever journey asks first.
/// </summary>
public static class DemoApplication
{
    public static async Task<long> InFirstVillageAsync(BrowserApp app)
    {
        await using var db = app.Database();
        var existing = await db.Applications.Where(a => a.VillageCode == DemoPrefecture.FirstVillageCode).OrderBy(a => a.Id)
            .Select(a => (long?)a.Id).FirstOrDefaultAsync();
        if (existing is { } id) return id;
        var resident = await db.Persons.Where(p => p.Household.VillageCode == DemoPrefecture.FirstVillageCode).OrderBy(p => p.Id)
            .Select(p => new { p.Name, p.IdNumber }).FirstAsync();
        var filed = await new FileApplication(new CaseWork(db, TimeProvider.System)).HandleAsync(new FileApplication.Request(
            ApplicationArea.Medical, "家中老人住院，自付费用较多，生活困难", resident.Name, resident.IdNumber, "13988870001",
            DemoPrefecture.FirstVillageCode, false, null), default);
        if (filed.Error is { } error) throw new InvalidOperationException(error);
        return await db.Applications.Where(a => a.TrackingCode == filed.TrackingCode).Select(a => a.Id).SingleAsync();
    }
}
