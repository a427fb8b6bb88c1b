using Fanghu.Accounts;
using Fanghu.Data;

namespace Fanghu.Web.Background;

/// <summary>
/// A background job that runs at once and then every <see cref="SecondsSetting"/> seconds (0 turns it off), each time
/// with a fresh unrestricted context. A failure is logged and the job carries on: a database that is away (restarting,
/// locked) is tried again at the next tick, without restarting the app.
/// </summary>
public abstract partial class PeriodicDatabaseWork(DatabaseSettings settings, TimeProvider clock, IConfiguration config, ILogger log)
    : BackgroundService
{
    /// <summary>The configuration key of the interval in seconds.</summary>
    protected abstract string SecondsSetting { get; }

    protected abstract double DefaultSeconds { get; }

    protected TimeProvider Clock => clock;

    protected ILogger Log => log;

    /// <summary>One round of the work.</summary>
    protected abstract Task RunOnceAsync(FanghuDbContext db, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue(SecondsSetting, DefaultSeconds);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        do
        {
            try
            {
                await using var db = DataServices.CreateContext(settings, DataScope.All);
                await RunOnceAsync(db, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(log, GetType().Name, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} failed; trying again at the next tick")]
    private static partial void LogFailed(ILogger logger, string work, Exception e);
}
