using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Fanghu.Reports;
using Fanghu.Screening;
using Fanghu.Web;
using Fanghu.Web.Accounts;
using Fanghu.Web.Applications;
using Fanghu.Web.Audit;
using Fanghu.Web.Errors;
using Fanghu.Web.Health;
using Fanghu.Web.Imports;
using Fanghu.Web.Localization;
using Fanghu.Web.Monitoring;
using Fanghu.Web.Registry;
using Fanghu.Web.Reports;
using Fanghu.Web.Screening;
using Fanghu.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddFanghuData(DatabaseSettings.From(builder.Configuration));
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton(TimeProvider.System);
// Every household query is scoped by the DataScope the context receives; it comes from the signed-in user.
builder.Services.AddScoped(sp => UserScope.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));

AccountStore.AddTo(builder.Services
    .AddIdentityCore<FanghuUser>(AccountRules.Configure)
    .WithFanghuRules()
    .WithAuthenticator()
    .AddSignInManager()
    .AddClaimsPrincipalFactory<FanghuClaimsPrincipalFactory>());
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
// Lockout, the sign-in limit per address and the session's lifetime (Accounts:… in configuration, docs/adr/0015).
builder.Services.AddAccountSecurity(builder.Configuration, builder.Environment);
// The cookie is checked against the account's security stamp on every request, so signing out (or a
// locked or changed account) takes effect at once.
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
// A malformed query value (page=abc) is a 400 ProblemDetails in every environment, never an exception page.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.Import, p => p.RequireRole(Policies.ImportRoles.Select(r => r.ToString())))
    .AddPolicy(Policies.Registry, p => p.RequireRole(Policies.RegistryRoles.Select(r => r.ToString())))
    .AddPolicy(Policies.Monitoring, p => p.RequireRole(Policies.MonitoringRoles.Select(r => r.ToString())))
    .AddPolicy(Policies.Screening, p => p.RequireRole(Policies.ScreeningRoles.Select(r => r.ToString())))
    .AddPolicy(Policies.Applications, p => p.RequireRole(Policies.ApplicationRoles.Select(r => r.ToString())))
    .AddPolicy(Policies.Reveal, p => p.RequireRole(Fanghu.Audit.RevealPersonalData.Roles.Select(r => r.ToString())))
    .AddPolicy(Policies.RevealApplications, p => p.RequireRole(Fanghu.Audit.RevealPersonalData.ApplicationRoles.Select(r => r.ToString())))
    .AddPolicy(Policies.Audit, p => p.RequireRole(Policies.AuditRoles.Select(r => r.ToString())));

// The API speaks Chinese like the pages: framework answers (unreadable JSON, 401/403/404) get Chinese titles,
// and a bare 400 says what to check.
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Translate);
builder.Services.AddExceptionHandler<FanghuExceptionHandler>();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddOpenApi();
// Chinese text stays readable in the HTML instead of becoming &#x…; entities.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

builder.Services.AddFanghuLocalization();
builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<Microsoft.Extensions.Localization.IStringLocalizerFactory>(FormMessages.Configure);
builder.Services.AddRazorPages(o =>
    {
        o.Conventions.AllowAnonymousToPage("/Account/Login");
        // The second step of a sign-in: the password is checked, the user not yet signed in.
        o.Conventions.AllowAnonymousToPage("/Account/TwoFactor");
        o.Conventions.AllowAnonymousToPage("/Error");
        // 救助申请 and 查询办理进度: residents have no account (DESIGN §7).
        o.Conventions.AllowAnonymousToFolder("/Apply");
        o.Conventions.AuthorizeFolder("/Imports", Policies.Import);
        o.Conventions.AuthorizeFolder("/Registry", Policies.Registry);
        o.Conventions.AuthorizeFolder("/Monitoring", Policies.Monitoring);
        o.Conventions.AuthorizeFolder("/Reports", Policies.Registry);
        o.Conventions.AuthorizeFolder("/Screening", Policies.Screening);
        o.Conventions.AuthorizeFolder("/Applications", Policies.Applications);
        // 查看完整信息: the widest reveal policy; the page refuses a department a person's or a household's values (403).
        o.Conventions.AuthorizeFolder("/Reveal", Policies.RevealApplications);
        o.Conventions.AuthorizeFolder("/Audit", Policies.Audit);
    })
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));

// Village cadres open the pages on weak rural mobile networks: pages, the stylesheet and JSON go compressed
// (DESIGN §11, the 150 KB field-page budget of the browser tests). Over HTTPS too — see docs/adr/0007.
builder.Services.AddResponseCompression(o =>
{
    o.EnableForHttps = true;
    o.Providers.Add<BrotliCompressionProvider>();
    o.Providers.Add<GzipCompressionProvider>();
    o.MimeTypes = ["text/html", "text/css", "application/javascript", "text/javascript", "application/json", "application/problem+json"];
});
builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);

// Request bodies keep Kestrel's 30 MB default; only the import page raises its own limit (ImportLimits), and the
// public pages lower theirs (PublicApplications.MaxBodyBytes).

builder.Services.AddScoped<ScopeSummary>();
builder.Services.AddScoped<SearchRegistry>();
builder.Services.AddScoped<GetHouseholdDetail>();
builder.Services.AddScoped<ListDivisions>();
builder.Services.AddScoped<Display>();
// Personal-data protection (docs/adr/0017): revealing a masked value, and the auditor's search of the trail.
builder.Services.AddScoped<Fanghu.Audit.RevealPersonalData>();
builder.Services.AddScoped<Fanghu.Audit.SearchAuditTrail>();
builder.Services.AddMonitoringWorkflow();
builder.Services.AddApplications();
// The public pages' rate limits per address (PublicApplications:… in configuration) and their village list.
builder.Services.AddPublicApplications(builder.Configuration);
builder.Services.AddSingleton<ImportFiles>();
builder.Services.AddScoped<MonitoringReport>();
builder.Services.AddScoped<ReportPlaces>();
builder.Services.AddScoped<IncomeReport>();
builder.Services.AddScoped<AnnualSummary>();
// The dashboard reads figures kept up to date unit by unit; a hosted service counts changed and stale units.
builder.Services.AddScoped<Dashboard>();
builder.Services.AddHostedService<FigureRefresher>();
builder.Services.AddHostedService<Fanghu.Web.Audit.AuditSealerService>();
// 报表冻结: freezing and reading snapshots run in the user's scoped context, like the reports they hold.
builder.Services.AddScoped<FreezeReport>();
builder.Services.AddScoped<ListSnapshots>();
builder.Services.AddScoped<CompareSnapshot>();
// Department files are screened in the background (a queue and a hosted service); the pages follow the run.
builder.Services.AddSingleton<ScreeningJobs>();
builder.Services.AddHostedService<ScreeningWorker>();
builder.Services.AddScoped<ListRuns>();
builder.Services.AddScoped<GetRun>();
builder.Services.AddScoped<WarningOutcomes>();
builder.Services.AddScoped<RuleVersions>();
builder.Services.AddScoped<RuleWords>();
// What-if writes nothing and answers within the request, in the user's scoped context.
builder.Services.AddScoped<WhatIf>();
builder.Services.AddScoped<IncomeLineWhatIf>();

var app = builder.Build();

if (app.Environment.IsDevelopment())
    await DevelopmentData.PrepareAsync(app.Services, app.Lifetime.ApplicationStopping);

// First, so that every response carries them, error pages and static files included (docs/adr/0015).
app.UseSecurityHeaders();
// HSTS only reaches a browser over HTTPS (UseHsts skips plain HTTP and localhost); TLS ends at the reverse proxy.
if (!app.Environment.IsDevelopment())
    app.UseHsts();
// API errors become ProblemDetails in FanghuExceptionHandler; people get the friendly /Error page.
app.UseResponseCompression();
app.UseExceptionHandler("/Error");
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePages());
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
app.UseStaticFiles();
app.UseFanghuLocalization();
app.UseRouting();
app.UseAuthentication();
// Who acts in this request, for the audit trail: the signed-in user (or an anonymous resident) and the client's address.
app.Use((context, next) =>
{
    Fanghu.Audit.AuditActor.Set(Fanghu.Web.Accounts.FanghuClaims.AuditActorOf(context));
    return next(context);
});
// Before authorization: an account that must enrol in two-factor sign-in goes to the enrolment page first.
app.UseTwoFactorEnrolment();
app.UseAuthorization();
// After routing, so the public pages' policies apply to their endpoints only.
app.UseRateLimiter();

app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapCultureSwitch();
app.MapRegistryApi();
app.MapMonitoringApi();
app.MapReportsApi();
app.MapScreeningApi();
app.MapApplicationsStaffApi();
app.MapAuditApi();
app.MapRazorPages();

app.Run();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;

namespace Fanghu.Web
{
    /// <summary>
    /// Names this assembly for <c>WebApplicationFactory&lt;T&gt;</c>. The test project also references the CLI,
    /// whose top-level statements make a second global <c>Program</c>, so tests use this unambiguous type.
    /// </summary>
    public sealed class WebHost;
}
