using System.Security.Claims;
using Fanghu.Accounts;
using Fanghu.Assistance;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fanghu.Web.Monitoring;

/// <summary>
/// /api/v1 for every step of the monitoring workflow (DESIGN §5): leads, the work queue, a case and its steps,
/// measures, the elimination check, the supervision board and the income scan. Endpoints bind and call one use
/// case; the case refuses illegal moves and wrong roles itself (409 with the reason, via FanghuExceptionHandler),
/// the data layer scopes every read (another village's case is a 404), and a step's response is the case as it
/// now stands, with the <c>version</c> to send with the next step.
/// </summary>
public static class MonitoringApi
{
    public static RouteGroupBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Monitoring")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // Any signed-in role may report a lead; the channel decides which (RecordLead.RolesFor), and a department
        // only warns about persons it found in its own data.
        api.MapPost("/leads", PostLead).WithName(nameof(PostLead)).RequireAuthorization();

        // Cases are individual households: everyone but department data officers (DESIGN §1), as for the registry.
        var cases = api.MapGroup("").RequireAuthorization(Policies.Registry);
        cases.MapGet("/cases", GetCases).WithName(nameof(GetCases));
        cases.MapGet("/cases/{id:long}", GetCaseById).WithName(nameof(GetCaseById));
        cases.MapGet("/households/{id:long}/timeline", GetTimeline).WithName(nameof(GetTimeline));
        cases.MapPost("/cases/{id:long}/verification", PostVerification).WithName(nameof(PostVerification));
        cases.MapPost("/cases/{id:long}/village-review", PostVillageReview).WithName(nameof(PostVillageReview));
        cases.MapPost("/cases/{id:long}/objections", PostObjection).WithName(nameof(PostObjection));
        cases.MapPost("/cases/{id:long}/objections/{objectionId:long}/answer", PostObjectionAnswer).WithName(nameof(PostObjectionAnswer));
        cases.MapPost("/cases/{id:long}/notice/close", PostNoticeClose).WithName(nameof(PostNoticeClose));
        cases.MapPost("/cases/{id:long}/decision", PostDecision).WithName(nameof(PostDecision));
        cases.MapPost("/cases/{id:long}/income-assessments", PostIncomeAssessment).WithName(nameof(PostIncomeAssessment));
        cases.MapGet("/cases/{id:long}/elimination-check", GetEliminationCheck).WithName(nameof(GetEliminationCheck));
        cases.MapPost("/cases/{id:long}/elimination", PostElimination).WithName(nameof(PostElimination));
        cases.MapPost("/cases/{id:long}/measures", PostMeasure).WithName(nameof(PostMeasure));
        cases.MapPut("/cases/{id:long}/measures/{measureId:long}", PutMeasure).WithName(nameof(PutMeasure));
        cases.MapGet("/supervision", GetSupervision).WithName(nameof(GetSupervision));

        // The income channel reads a whole county's incomes: county bureaus and administrators.
        api.MapPost("/income-scan", PostIncomeScan).WithName(nameof(PostIncomeScan))
            .RequireAuthorization(p => p.RequireRole(nameof(Role.County), nameof(Role.Admin)));
        return api;
    }

    /// <summary>201 with the new lead and its case; 200 when the same source had already given this lead.</summary>
    public static async Task<Results<Created<RecordLead.Result>, Ok<RecordLead.Result>, ValidationProblem, ProblemHttpResult>> PostLead(
        LeadBody body, ClaimsPrincipal user, RecordLead leads, CancellationToken ct)
    {
        if (body.Check().Problem is { } bad) return bad;
        var actor = FanghuClaims.ActorOf(user);
        if (actor.Role == Role.Department && (body.Channel != LeadChannel.DepartmentWarning || body.IdNumber is null))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "无权办理",
                detail: "行业部门账号只能按证件号码报送部门筛查预警线索");
        var request = body.ToRequest();
        var result = body.IdNumber is { } idNumber
            ? await leads.ForPersonAsync(actor, idNumber, request, ct)
            : await leads.HandleAsync(actor, request, ct);
        if (actor.Role == Role.Department)
        {
            // Departments see their warnings' outcomes in aggregate (DESIGN §1): not whether this person's household
            // is monitored, was eliminated before, or which case took the lead.
            var receipt = result with { CaseId = 0, OpenedCase = false, ReEntry = false };
            return result.Duplicate ? TypedResults.Ok(receipt) : TypedResults.Created((string?)null, receipt);
        }
        return result.Duplicate ? TypedResults.Ok(result) : TypedResults.Created(CaseUrl(result.CaseId), result);
    }

    /// <summary>待办: the cases waiting for the caller's role, optionally at one stage.</summary>
    public static async Task<Results<Ok<IReadOnlyList<WorkQueue.Row>>, ValidationProblem>> GetCases(
        [FromQuery] string? stage, ClaimsPrincipal user, WorkQueue queue, CancellationToken ct)
    {
        CaseStage? only = null;
        if (stage is not null)
        {
            if (!TryEnum<CaseStage>(stage, out var s)) return new BodyErrors().Add("stage", "不是案件环节").Problem!;
            only = s;
        }
        return TypedResults.Ok(await queue.HandleAsync(FanghuClaims.RoleOf(user)!.Value, only, ct));
    }

    public static async Task<Results<Ok<GetCase.Result>, ProblemHttpResult>> GetCaseById(long id, GetCase cases, CancellationToken ct) =>
        await cases.HandleAsync(id, ct) is { } c ? TypedResults.Ok(c) : CaseNotFound();

    public static async Task<Results<Ok<IReadOnlyList<HouseholdTimeline.Entry>>, ProblemHttpResult>> GetTimeline(
        long id, HouseholdTimeline timeline, CancellationToken ct) =>
        await timeline.FindAsync(id, ct) is { } entries
            ? TypedResults.Ok(entries)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到", detail: "没有找到该户，或不在您的管辖范围内");

    public static async Task<Results<Ok<GetCase.Result>, ValidationProblem>> PostVerification(
        long id, VerificationBody body, ClaimsPrincipal user, VerifyLead verify, GetCase cases, CancellationToken ct)
    {
        if (body.Check().Problem is { } bad) return bad;
        await verify.HandleAsync(FanghuClaims.ActorOf(user), body.ToRequest(id), ct);
        return TypedResults.Ok(await CaseAsync(cases, id, ct));
    }

    public static async Task<Results<Ok<GetCase.Result>, ValidationProblem>> PostVillageReview(
        long id, VillageReviewBody body, ClaimsPrincipal user, RecordVillageReview review, GetCase cases, CancellationToken ct)
    {
        if (body.Check().Problem is { } bad) return bad;
        await review.HandleAsync(FanghuClaims.ActorOf(user), body.ToRequest(id), ct);
        return TypedResults.Ok(await CaseAsync(cases, id, ct));
    }

    /// <summary>201: the objection is among the case's objections, open, and the case stands still.</summary>
    public static async Task<Results<Created<GetCase.Result>, ValidationProblem>> PostObjection(
        long id, ObjectionBody body, ClaimsPrincipal user, HandleObjection objections, GetCase cases, CancellationToken ct)
    {
        if (body.Check().Problem is { } bad) return bad;
        await objections.RaiseAsync(FanghuClaims.ActorOf(user), body.ToRequest(id), ct);
        return TypedResults.Created(CaseUrl(id), await CaseAsync(cases, id, ct));
    }

    public static async Task<Results<Ok<GetCase.Result>, ValidationProblem>> PostObjectionAnswer(
        long id, long objectionId, ObjectionAnswerBody body, ClaimsPrincipal user, HandleObjection objections, GetCase cases, CancellationToken ct)
    {
        if (body.Check().Problem is { } bad) return bad;
        await objections.AnswerAsync(FanghuClaims.ActorOf(user), body.ToRequest(id, objectionId), ct);
        return TypedResults.Ok(await CaseAsync(cases, id, ct));
    }

    public static async Task<Results<Ok<GetCase.Result>, ValidationProblem>> PostNoticeClose(
        long id, CloseNoticeBody body, ClaimsPrincipal user, CloseNotice notice, GetCase cases, CancellationToken ct)
    {
        if (body.Check().Problem is { } bad) return bad;
        await notice.HandleAsync(FanghuClaims.ActorOf(user), body.ToRequest(id), ct);
        return TypedResults.Ok(await CaseAsync(cases, id, ct));
    }

    /// <summary>Township review or county approval, whichever the case waits for; or a return with the reason.</summary>
    public static async Task<Results<Ok<GetCase.Result>, ValidationProblem>> PostDecision(
        long id, DecisionBody body, ClaimsPrincipal user, DecideCase decide, GetCase cases, CancellationToken ct)
    {
        if (body.Check().Problem is { } bad) return bad;
        await decide.HandleAsync(FanghuClaims.ActorOf(user), body.ToRequest(id), ct);
        return TypedResults.Ok(await CaseAsync(cases, id, ct));
    }

    public static async Task<Results<Created<GetCase.Result>, ValidationProblem>> PostIncomeAssessment(
        long id, IncomeAssessmentBody body, ClaimsPrincipal user, Elimination elimination, GetCase cases, CancellationToken ct)
    {
        if (body.Check().Problem is { } bad) return bad;
        await elimination.AssessIncomeAsync(FanghuClaims.ActorOf(user), body.ToRequest(id), ct);
        return TypedResults.Created(CaseUrl(id), await CaseAsync(cases, id, ct));
    }

    /// <summary>Each precondition of risk elimination, met or not, with the data behind it.</summary>
    public static async Task<Results<Ok<EliminationCheck>, ValidationProblem>> GetEliminationCheck(
        long id, [FromQuery] string? method, Elimination elimination, CancellationToken ct)
    {
        if (!TryEnum<EliminationMethod>(method, out var m))
            return new BodyErrors().Add("method", "请指定消除方式：ThroughAssistance（帮扶消除）或 Natural（自然消除）").Problem!;
        return TypedResults.Ok(await elimination.CheckAsync(id, m, ct));
    }

    public static async Task<Results<Ok<GetCase.Result>, ValidationProblem>> PostElimination(
        long id, EliminationBody body, ClaimsPrincipal user, Elimination elimination, GetCase cases, CancellationToken ct)
    {
        if (body.Check().Problem is { } bad) return bad;
        await elimination.ProposeAsync(FanghuClaims.ActorOf(user), body.ToRequest(id), ct);
        return TypedResults.Ok(await CaseAsync(cases, id, ct));
    }

    public static async Task<Results<Created<MeasureSaved>, ValidationProblem>> PostMeasure(
        long id, MeasureBody body, ClaimsPrincipal user, SaveMeasure save, GetCase cases, CancellationToken ct)
    {
        if (body.Check().Problem is { } bad) return bad;
        var measureId = await save.HandleAsync(FanghuClaims.ActorOf(user), body.ToRequest(id, null), ct);
        return TypedResults.Created(CaseUrl(id), new MeasureSaved(measureId, await CaseAsync(cases, id, ct)));
    }

    public static async Task<Results<Ok<MeasureSaved>, ValidationProblem>> PutMeasure(
        long id, long measureId, MeasureBody body, ClaimsPrincipal user, SaveMeasure save, GetCase cases, CancellationToken ct)
    {
        if (body.Check().Problem is { } bad) return bad;
        await save.HandleAsync(FanghuClaims.ActorOf(user), body.ToRequest(id, measureId), ct);
        return TypedResults.Ok(new MeasureSaved(measureId, await CaseAsync(cases, id, ct)));
    }

    /// <summary>
    /// 督办 for a division (the caller's own when it has exactly one). A division outside the caller's scope is a
    /// 403 rather than a 404: division codes are public, only the cases under them are not.
    /// </summary>
    public static async Task<Results<Ok<SupervisionBoard.Result>, ValidationProblem, ProblemHttpResult>> GetSupervision(
        [FromQuery] string? division, ClaimsPrincipal user, DataScope scope, SupervisionBoard board, CancellationToken ct)
    {
        var own = FanghuClaims.DivisionsOf(user);
        var text = division ?? (own.Count == 1 ? own[0] : null);
        if (text is null) return new BodyErrors().Add("division", "请指定区划代码").Problem!;
        if (!DivisionCode.TryParse(text, out var code, out var error)) return new BodyErrors().Add("division", error).Problem!;
        if (!scope.Covers(code.Value))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "无权查看", detail: "该区划不在您的管辖范围内");
        return await board.HandleAsync(code, ct) is { } result
            ? TypedResults.Ok(result)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到", detail: $"没有区划 {code.Value}");
    }

    /// <summary>收入监测: a lead for every household in the caller's scope at or below the line in the year.</summary>
    public static async Task<Results<Ok<ScanIncomeBelowLine.Result>, ValidationProblem>> PostIncomeScan(
        [FromQuery] int? year, ClaimsPrincipal user, ScanIncomeBelowLine scan, CancellationToken ct)
    {
        if (year is not { } y) return new BodyErrors().Add("year", "请指定年度").Problem!;
        return TypedResults.Ok(await scan.HandleAsync(FanghuClaims.ActorOf(user), y, ct));
    }

    private static string CaseUrl(long caseId) => $"/api/v1/cases/{caseId}";

    private static ProblemHttpResult CaseNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到", detail: "没有找到该监测案件，或不在您的管辖范围内");

    /// <summary>The case as it stands after a step (it was just loaded in scope, so it is there).</summary>
    private static async Task<GetCase.Result> CaseAsync(GetCase cases, long id, CancellationToken ct) =>
        await cases.HandleAsync(id, ct) ?? throw new NotFoundException("没有找到该监测案件，或不在您的管辖范围内");

    /// <summary>An enum from a query string, by name in any case; numbers outside the enum are refused.</summary>
    private static bool TryEnum<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value);
}
