using Fanghu.Assistance;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.Monitoring;

public static class MonitoringServices
{
    /// <summary>The workflow's use cases, for both hosts.</summary>
    public static IServiceCollection AddMonitoringWorkflow(this IServiceCollection services) => services
        .AddScoped<CaseWork>()
        .AddScoped<RecordLead>()
        .AddScoped<ScanIncomeBelowLine>()
        .AddScoped<VerifyLead>()
        .AddScoped<RecordVillageReview>()
        .AddScoped<HandleObjection>()
        .AddScoped<CloseNotice>()
        .AddScoped<DecideCase>()
        .AddScoped<Elimination>()
        .AddScoped<SaveMeasure>()
        .AddScoped<GetCase>()
        .AddScoped<WorkQueue>()
        .AddScoped<SupervisionBoard>()
        .AddScoped<HouseholdTimeline>();
}
