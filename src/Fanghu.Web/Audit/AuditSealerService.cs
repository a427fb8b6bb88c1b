using Fanghu.Audit;
using Fanghu.Data;
using Fanghu.Web.Background;

namespace Fanghu.Web.Audit;

/// <summary>
/// Seals newly written audit entries into the hash chain every <c>Audit:SealSeconds</c> (default 2; 0 turns it off),
/// so an entry is part of the tamper-evident chain seconds after its change committed (ADR 0016).
/// </summary>
public sealed partial class AuditSealerService(DatabaseSettings settings, TimeProvider clock, IConfiguration config,
    ILogger<AuditSealerService> log) : PeriodicDatabaseWork(settings, clock, config, log)
{
    protected override string SecondsSetting => "Audit:SealSeconds";

    protected override double DefaultSeconds => 2;

    protected override async Task RunOnceAsync(FanghuDbContext db, CancellationToken ct)
    {
        var sealedNow = await AuditSealer.SealAsync(db, ct);
        if (sealedNow > 0) LogSealed(Log, sealedNow);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit trail: {Entries} entries sealed into the chain")]
    private static partial void LogSealed(ILogger logger, int entries);
}
