using System.Security.Claims;
using Fanghu.Audit;
using Fanghu.Registry;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fanghu.Web.Audit;

/// <summary>
/// /api/v1 for personal-data protection (docs/adr/0017): revealing one full ID number or phone with a stated reason
/// (logged as a read), and the auditor's search of the audit trail. Access: see <see cref="Policies.Reveal"/>,
/// <see cref="Policies.RevealApplications"/> and <see cref="Policies.Audit"/>; outside the user's scope a record is a 404.
/// </summary>
public static class AuditApi
{
    /// <param name="Field">idNumber or phone.</param>
    /// <param name="Reason">Why the full value is needed (at least four characters), recorded in the audit trail.</param>
    public sealed record RevealBody(string? Field, string? Reason);

    public sealed record Revealed(string Field, string Value);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var reveal = app.MapGroup("/api/v1").WithTags("Personal data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        reveal.MapPost("/persons/{id:long}/reveal", RevealPerson).WithName(nameof(RevealPerson)).RequireAuthorization(Policies.Reveal);
        reveal.MapPost("/households/{id:long}/reveal", RevealHousehold).WithName(nameof(RevealHousehold)).RequireAuthorization(Policies.Reveal);
        reveal.MapPost("/applications/{id:long}/reveal", RevealApplication).WithName(nameof(RevealApplication))
            .RequireAuthorization(Policies.RevealApplications);

        app.MapGet("/api/v1/audit", SearchAudit).WithName(nameof(SearchAudit)).WithTags("Audit").RequireAuthorization(Policies.Audit);
        return app;
    }

    public static Task<Results<Ok<Revealed>, ProblemHttpResult>> RevealPerson(long id, RevealBody body, ClaimsPrincipal user,
        RevealPersonalData reveal, CancellationToken ct) => RevealAsync(RevealRecord.Person, id, body, user, reveal, ct);

    public static Task<Results<Ok<Revealed>, ProblemHttpResult>> RevealHousehold(long id, RevealBody body, ClaimsPrincipal user,
        RevealPersonalData reveal, CancellationToken ct) => RevealAsync(RevealRecord.Household, id, body, user, reveal, ct);

    public static Task<Results<Ok<Revealed>, ProblemHttpResult>> RevealApplication(long id, RevealBody body, ClaimsPrincipal user,
        RevealPersonalData reveal, CancellationToken ct) => RevealAsync(RevealRecord.Application, id, body, user, reveal, ct);

    public static async Task<Ok<Paged<SearchAuditTrail.Row>>> SearchAudit([FromQuery] string? person, [FromQuery] string? household,
        [FromQuery] string? user, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, [FromQuery] int? page, [FromQuery] int? pageSize,
        SearchAuditTrail search, CancellationToken ct) =>
        TypedResults.Ok(await search.HandleAsync(new SearchAuditTrail.Request(person, household, user, from, to, page, pageSize), ct));

    private static async Task<Results<Ok<Revealed>, ProblemHttpResult>> RevealAsync(RevealRecord record, long id, RevealBody body,
        ClaimsPrincipal user, RevealPersonalData reveal, CancellationToken ct)
    {
        if (ParseField(body.Field) is not { } field)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "请求内容有误",
                detail: "field 应为 idNumber（证件号码）或 phone（联系电话）");
        var result = await reveal.HandleAsync(FanghuClaims.RoleOf(user), FanghuClaims.DepartmentOf(user),
            new RevealPersonalData.Request(record, id, field, body.Reason), ct);
        return result.Outcome switch
        {
            RevealPersonalData.Outcome.Revealed => TypedResults.Ok(new Revealed(body.Field!.Trim(), result.Value!)),
            RevealPersonalData.Outcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "无权访问", detail: result.Message),
            RevealPersonalData.Outcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到", detail: result.Message),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "请求内容有误", detail: result.Message),
        };
    }

    private static RevealField? ParseField(string? field) => field?.Trim().ToLowerInvariant() switch
    {
        "idnumber" => RevealField.IdNumber,
        "phone" => RevealField.Phone,
        _ => null,
    };
}
