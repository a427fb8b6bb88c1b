using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Reports;

namespace Fanghu.Web.Reports;

/// <summary>
/// Keeps the dashboard's figures current in the background: every <c>Dashboard:RefreshSeconds</c> (default 30; 0 turns
/// it off) it counts again the units whose records changed, and on a new day every unit (figures move with the date),
/// a batch at a time, so a dashboard request rarely has more than a few units to count itself.
/// </summary>
public sealed partial class FigureRefresher(DatabaseSettings settings, TimeProvider clock, IConfiguration config,
    ILogger<FigureRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Dashboard:RefreshSeconds", 30);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        do
        {
            try
            {
                await using var db = DataServices.CreateContext(settings, DataScope.All);
                var store = new FigureStore(db, clock);
                int counted;
                while ((counted = await store.RefreshAsync(null, FigureStore.BatchSize, stoppingToken)) > 0)
                    LogCounted(counted);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database that is away (restarting, locked) is tried again at the next tick.
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dashboard figures: {Units} units counted again")]
    private partial void LogCounted(int units);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard figures could not be brought up to date; trying again later")]
    private partial void LogFailed(Exception e);
}
