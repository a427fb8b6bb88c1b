using System.Security.Claims;
using Fanghu.Applications;
using Fanghu.Monitoring;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fanghu.Web.Applications;

/// <summary>
/// /api/v1/applications for staff systems: one application as the 受理台 shows it, scoped like the pages (outside the
/// account's divisions, or for a department not its department's, it is a 404 problem). The applicant's ID number and phone
/// are masked: POST /api/v1/applications/{id}/reveal shows one, with a reason, logged (AuditApi).
/// </summary>
public static class ApplicationsStaffApi
{
    /// <param name="CaseId">The case its lead went to; null for department accounts, which see no households' cases.</param>
    /// <param name="Version">To send with a step, as the page forms do.</param>
    public sealed record ApplicationBody(long Id, string TrackingCode, string? ExternalNumber, ApplicationSource Source, ApplicationArea Area,
        ApplicationStatus Status, string Content, string ApplicantName, string IdNumberMasked, string PhoneMasked, bool OnBehalf, string? RequesterName,
        string Division, string DivisionName, DateOnly FiledOn, DateOnly DueOn, bool Escalated, int DaysLate, string? LeadDepartment,
        IReadOnlyList<string> CoDepartments, string? HandlingDivision, string? Reply, DateOnly? ClosedOn, int Reopened, bool BecameLead,
        long? CaseId, CaseStage? CaseStage, int Version, IReadOnlyList<GetApplication.Step> Steps);

    public static RouteGroupBuilder MapApplicationsStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/applications").WithTags("Applications").RequireAuthorization(Policies.Applications)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:long}", GetApplicationById).WithName(nameof(GetApplicationById));
        return api;
    }

    public static async Task<Results<Ok<ApplicationBody>, ProblemHttpResult>> GetApplicationById(long id, ClaimsPrincipal user,
        GetApplication applications, CancellationToken ct)
    {
        if (await applications.HandleAsync(Policies.ApplicationViewerOf(user), id, ct) is not { } d)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到", detail: "没有找到该申请，或不在您的管辖范围内");
        var a = d.Application;
        var cases = Policies.MayMonitor(user);
        return TypedResults.Ok(new ApplicationBody(a.Id, a.TrackingCode, a.ExternalNumber, a.Source, a.Area, a.Status, a.Content, a.ApplicantName,
            d.IdNumberMasked, PhoneNumber.Mask(a.Phone), a.OnBehalf, a.RequesterName, a.VillageCode ?? a.TownshipCode ?? a.CountyCode, d.DivisionName, a.FiledOn,
            a.DueOn, d.Escalated, d.DaysLate, a.LeadDepartment, a.CoDepartmentList, a.HandlingDivisionCode, a.Reply, a.ClosedOn, a.Reopened,
            a.LeadId is not null, cases ? d.CaseId : null, cases ? d.CaseStage : null, a.Version, d.Steps));
    }
}
