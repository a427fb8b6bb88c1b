using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.Applications;

public static class ApplicationServices
{
    /// <summary>The applications' use cases, for both hosts (with <see cref="Monitoring.MonitoringServices.AddMonitoringWorkflow"/>).</summary>
    public static IServiceCollection AddApplications(this IServiceCollection services) => services
        .AddScoped<FileApplication>()
        .AddScoped<TrackApplication>()
        .AddScoped<ApplicationInbox>()
        .AddScoped<EscalatedApplications>()
        .AddScoped<GetApplication>()
        .AddScoped<ActOnApplication>()
        .AddScoped<ApplicationToLead>()
        .AddScoped<ApplicationsReport>();
}
