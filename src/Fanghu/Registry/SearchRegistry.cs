using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Registry;

/// <summary>
/// Finds households and persons by name, ID number (whole, or its last four characters) or household
/// number. Scoping is the context's query filter: nothing outside the user's divisions can come back.
/// ID numbers leave this class masked.
/// </summary>
public sealed class SearchRegistry(FanghuDbContext db)
{
    public sealed record Request(string? Query, string? VillageCode = null, int? Page = null, int? PageSize = null);

    public sealed record HouseholdRow(long Id, string Number, string? HeadName, string VillageCode, string? VillageName,
        HouseholdType Type, int Members);

    public sealed record PersonRow(long Id, string Name, string IdNumberMasked, Relation Relation, long HouseholdId,
        string HouseholdNumber, string VillageCode, string? VillageName);

    public async Task<Paged<HouseholdRow>> HouseholdsAsync(Request request, CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(request.Page, request.PageSize);
        var q = Normalize(request.Query);
        var households = db.Households.AsNoTracking();
        if (!string.IsNullOrEmpty(request.VillageCode))
            households = households.Where(h => h.VillageCode == request.VillageCode);
        if (q is not null)
        {
            var (whole, last4) = IdTerms(q);
            households = households.Where(h => h.Number.Contains(q)
                || h.Members.Any(m => m.Name.Contains(q) || m.IdNumber == whole || m.IdNumber.EndsWith(last4)));
        }

        var total = await households.CountAsync(ct);
        var items = await households
            .OrderBy(h => h.Number)
            .Skip((page - 1) * size).Take(size)
            .Select(h => new HouseholdRow(
                h.Id,
                h.Number,
                h.Members.Where(m => m.Relation == Relation.Head).Select(m => m.Name).FirstOrDefault(),
                h.VillageCode,
                db.Divisions.Where(d => d.Code == h.VillageCode).Select(d => d.Name).FirstOrDefault(),
                h.Type,
                h.Members.Count(m => m.Status == PersonStatus.Member)))
            .ToListAsync(ct);
        return new Paged<HouseholdRow>(items, page, size, total);
    }

    public async Task<Paged<PersonRow>> PersonsAsync(Request request, CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(request.Page, request.PageSize);
        var q = Normalize(request.Query);
        var persons = db.Persons.AsNoTracking();
        if (!string.IsNullOrEmpty(request.VillageCode))
            persons = persons.Where(p => p.Household.VillageCode == request.VillageCode);
        if (q is not null)
        {
            var (whole, last4) = IdTerms(q);
            persons = persons.Where(p => p.Name.Contains(q) || p.IdNumber == whole || p.IdNumber.EndsWith(last4) || p.Household.Number.Contains(q));
        }

        var total = await persons.CountAsync(ct);
        var rows = await persons
            .OrderBy(p => p.Household.Number).ThenBy(p => p.Relation).ThenBy(p => p.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.IdNumber,
                p.Relation,
                p.HouseholdId,
                p.Household.Number,
                p.Household.VillageCode,
                VillageName = db.Divisions.Where(d => d.Code == p.Household.VillageCode).Select(d => d.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new PersonRow(r.Id, r.Name, IdNumber.Mask(r.IdNumber), r.Relation, r.HouseholdId,
            r.Number, r.VillageCode, r.VillageName)).ToList();
        return new Paged<PersonRow>(items, page, size, total);
    }

    /// <summary>
    /// An ID number is found by the whole number or by its last four characters, as lists show them — not by
    /// any fragment, which would let masked numbers be read back digit by digit. A term that is neither
    /// matches no ID number (the impossible value "-").
    /// </summary>
    private static (string Whole, string Last4) IdTerms(string q)
    {
        var parsed = IdNumber.Parse(q);
        var whole = parsed.Ok ? parsed.Value!.Value.Value : "-";
        var upper = q.ToUpperInvariant();
        var last4 = upper.Length == 4 && upper.All(c => char.IsAsciiDigit(c) || c == 'X') ? upper : "-";
        return (whole, last4);
    }

    /// <summary>Trims and drops what people paste around a search: spaces, a leading apostrophe.</summary>
    private static string? Normalize(string? query)
    {
        var q = query?.Trim().TrimStart('\'').Replace(" ", "", StringComparison.Ordinal);
        return string.IsNullOrEmpty(q) ? null : q;
    }
}
