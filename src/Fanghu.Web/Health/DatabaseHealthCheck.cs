using Fanghu.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fanghu.Web.Health;

/// <summary>/healthz: healthy when the database answers.</summary>
public sealed class DatabaseHealthCheck(FanghuDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("database unreachable");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}
