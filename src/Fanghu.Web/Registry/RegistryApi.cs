using Fanghu.Divisions;
using Fanghu.Registry;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fanghu.Web.Registry;

/// <summary>
/// /api/v1 read endpoints for divisions, households and persons. Cookie sign-in like the pages; results are
/// scoped by the data layer; ID numbers and phones are masked (POST …/reveal shows one, AuditApi), and reading a household
/// records a read of its members' health records in the audit trail.
/// </summary>
public static class RegistryApi
{
    public static RouteGroupBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Registry").RequireAuthorization(Policies.Registry);
        api.MapGet("/divisions", GetDivisions).WithName(nameof(GetDivisions));
        api.MapGet("/households", GetHouseholds).WithName(nameof(GetHouseholds));
        api.MapGet("/households/{id:long}", GetHousehold).WithName(nameof(GetHousehold));
        api.MapGet("/persons", GetPersons).WithName(nameof(GetPersons));
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ListDivisions.DivisionRow>>> GetDivisions(
        [FromQuery] string? parent, ListDivisions divisions, CancellationToken ct) =>
        TypedResults.Ok(await divisions.HandleAsync(parent, ct));

    public static async Task<Ok<Paged<SearchRegistry.HouseholdRow>>> GetHouseholds(
        [FromQuery] string? q, [FromQuery] string? village, [FromQuery] int? page, [FromQuery] int? pageSize,
        SearchRegistry search, CancellationToken ct) =>
        TypedResults.Ok(await search.HouseholdsAsync(new SearchRegistry.Request(q, village, page, pageSize), ct));

    public static async Task<Results<Ok<GetHouseholdDetail.Result>, ProblemHttpResult>> GetHousehold(
        long id, GetHouseholdDetail detail, CancellationToken ct) =>
        await detail.HandleAsync(id, healthShown: true, ct) is { } household
            ? TypedResults.Ok(household)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到", detail: "没有找到该户，或不在您的管辖范围内");

    public static async Task<Ok<Paged<SearchRegistry.PersonRow>>> GetPersons(
        [FromQuery] string? q, [FromQuery] int? page, [FromQuery] int? pageSize,
        SearchRegistry search, CancellationToken ct) =>
        TypedResults.Ok(await search.PersonsAsync(new SearchRegistry.Request(q, null, page, pageSize), ct));
}
