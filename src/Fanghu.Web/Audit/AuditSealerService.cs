using Fanghu.Accounts;
using Fanghu.Audit;
using Fanghu.Data;

namespace Fanghu.Web.Audit;

/// <summary>
/// Seals newly written audit entries into the hash chain every <c>Audit:SealSeconds</c> (default 2; 0 turns it off),
/// so an entry is part of the tamper-evident chain seconds after its change committed (ADR 0016).
/// </summary>
public sealed partial class AuditSealerService(DatabaseSettings settings, TimeProvider clock, IConfiguration config,
    ILogger<AuditSealerService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Audit:SealSeconds", 2.0);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        do
        {
            try
            {
                await using var db = DataServices.CreateContext(settings, DataScope.All);
                var sealedNow = await AuditSealer.SealAsync(db, stoppingToken);
                if (sealedNow > 0) LogSealed(sealedNow);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database that is away (restarting, locked) is tried again at the next tick; nothing is lost meanwhile.
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit trail: {Entries} entries sealed into the chain")]
    private partial void LogSealed(int entries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit trail entries could not be sealed; trying again later")]
    private partial void LogFailed(Exception e);
}
