using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Web.Accounts;

/// <summary>
/// Development only: brings the database up to date and fills it with the demo prefecture and one account
/// per role, so that <c>dotnet run</c> on a fresh machine shows a working system. Other environments
/// migrate explicitly (<c>fanghu db migrate</c>).
/// </summary>
public static partial class DevelopmentData
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DevelopmentData));
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        await using (var db = DataServices.CreateContext(settings, DataScope.All))
        {
            await DatabaseMigrator.MigrateAsync(db, ct);
            if (!await db.Households.AnyAsync(ct))
            {
                var summary = await DemoPrefecture.LoadAsync(db, ct);
                LogDemoLoaded(logger, summary);
            }
        }
        await DemoAccounts.EnsureAsync(scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>(), ct);
        LogReady(logger, settings.Describe());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo prefecture loaded: {Summary}")]
    private static partial void LogDemoLoaded(ILogger logger, object? summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Development database ready at {Database}, demo accounts ensured")]
    private static partial void LogReady(ILogger logger, string database);
}
