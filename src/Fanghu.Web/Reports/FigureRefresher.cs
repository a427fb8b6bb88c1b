using Fanghu.Data;
using Fanghu.Reports;
using Fanghu.Web.Background;

namespace Fanghu.Web.Reports;

/// <summary>
/// Keeps the dashboard's figures current in the background: every <c>Dashboard:RefreshSeconds</c> (default 30; 0 turns
/// it off) it counts again the units whose records changed, and on a new day every unit (figures move with the date),
/// a batch at a time, so a dashboard request rarely has more than a few units to count itself.
/// </summary>
public sealed partial class FigureRefresher(DatabaseSettings settings, TimeProvider clock, IConfiguration config,
    ILogger<FigureRefresher> log) : PeriodicDatabaseWork(settings, clock, config, log)
{
    protected override string SecondsSetting => "Dashboard:RefreshSeconds";

    protected override double DefaultSeconds => 30;

    protected override async Task RunOnceAsync(FanghuDbContext db, CancellationToken ct)
    {
        var store = new FigureStore(db, Clock);
        int counted;
        while ((counted = await store.RefreshAsync(null, FigureStore.BatchSize, ct)) > 0)
            LogCounted(Log, counted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dashboard figures: {Units} units counted again")]
    private static partial void LogCounted(ILogger logger, int units);
}
