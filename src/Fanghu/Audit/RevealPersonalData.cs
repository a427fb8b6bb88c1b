using System.Globalization;
using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Audit;

/// <summary>The records whose ID number or phone can be revealed (查看完整信息).</summary>
public enum RevealRecord { Person, Household, Application }

/// <summary>证件号码 or 联系电话.</summary>
public enum RevealField { IdNumber, Phone }

/// <summary>
/// Shows one full ID number or phone that every page, API answer and export masks (docs/adr/0017): only to the roles
/// that work cases (village, township, county), the auditor and the administrator — and, for an application, the
/// departments that handle it —, only inside the user's scope (the query filters: outside it the record does not
/// exist), only with a stated reason, and always recorded in the audit trail as a read (查看) naming the field and the
/// reason, never the value.
/// </summary>
public sealed class RevealPersonalData(FanghuDbContext db)
{
    /// <summary>Who may reveal a person's or a household's values. The prefecture supervises and departments see outcomes in aggregate.</summary>
    public static readonly Role[] Roles = [Role.Village, Role.Township, Role.County, Role.Auditor, Role.Admin];

    /// <summary>An application's applicant may also be called by the departments that handle it (they answer the applicant).</summary>
    public static readonly Role[] ApplicationRoles = [.. Roles, Role.Department];

    /// <summary>The common reasons offered as a choice; the reason itself is the user's own words.</summary>
    public static readonly string[] CommonReasons = ["入户核实", "业务办理", "联系本人"];

    public const int MinReasonLength = 4, MaxReasonLength = 200;

    public enum Outcome { Revealed, Invalid, Forbidden, NotFound }

    /// <param name="Value">The full value, when revealed.</param>
    public sealed record Result(Outcome Outcome, string? Value, string? Message);

    public sealed record Request(RevealRecord Record, long Id, RevealField Field, string? Reason);

    public static bool MayReveal(Role? role, RevealRecord record) =>
        role is { } r && (record == RevealRecord.Application ? ApplicationRoles : Roles).Contains(r);

    /// <summary>Why the reason is refused, or null when it will do.</summary>
    public static string? ReasonProblem(string? reason) =>
        reason?.Trim() is not { Length: > 0 } text ? "请说明查看完整信息的理由"
        : text.Length < MinReasonLength ? $"查看理由至少 {MinReasonLength} 个字，请写明具体事由"
        : text.Length > MaxReasonLength ? $"查看理由最多 {MaxReasonLength} 个字"
        : null;

    public static string FieldName(RevealField field) => field == RevealField.IdNumber ? "证件号码" : "联系电话";

    public async Task<Result> HandleAsync(Role? role, string? department, Request r, CancellationToken ct)
    {
        if (!MayReveal(role, r.Record)) return new(Outcome.Forbidden, null, "您的角色不能查看完整的证件号码和联系电话");
        if (ReasonProblem(r.Reason) is { } problem) return new(Outcome.Invalid, null, problem);
        if (r.Record == RevealRecord.Household && r.Field == RevealField.IdNumber)
            return new(Outcome.Invalid, null, "户没有证件号码：请查看成员的证件号码");

        var found = await FindAsync(role!.Value, department, r, ct);
        if (found is null) return new(Outcome.NotFound, null, "没有找到该记录，或不在您的管辖范围内");
        if (found.Value.Value is not { Length: > 0 } value) return new(Outcome.NotFound, null, $"该记录没有登记{FieldName(r.Field)}");

        await AuditTrail.RecordReadAsync(db, found.Value.Entity, r.Id.ToString(CultureInfo.InvariantCulture), found.Value.HouseholdId,
            new Dictionary<string, object?> { ["Field"] = r.Field.ToString(), ["Reason"] = r.Reason!.Trim() }, ct);
        return new(Outcome.Revealed, value, null);
    }

    /// <summary>What the reveal form names: whose value (a person's name and household, a household, an application) and its masked form.</summary>
    public sealed record Subject(string Description, string? Masked);

    /// <summary>The record as the form describes it; null when the role may not reveal or the record is not in scope.</summary>
    public async Task<Subject?> DescribeAsync(Role? role, string? department, RevealRecord record, long id, RevealField field, CancellationToken ct)
    {
        if (!MayReveal(role, record)) return null;
        switch (record)
        {
            case RevealRecord.Person:
                var person = await db.Persons.AsNoTracking().Where(p => p.Id == id)
                    .Select(p => new { p.Name, p.IdNumber, p.Phone, p.Household.Number }).FirstOrDefaultAsync(ct);
                return person is null ? null
                    : new($"{person.Name}（户编号 {person.Number}）", Mask(field, field == RevealField.IdNumber ? person.IdNumber : person.Phone));
            case RevealRecord.Household:
                var household = await db.Households.AsNoTracking().Where(h => h.Id == id).Select(h => new { h.Number, h.Phone }).FirstOrDefaultAsync(ct);
                return household is null ? null : new($"户编号 {household.Number}", Mask(field, household.Phone));
            default:
                var application = await ApplicationInbox.Visible(db.Applications.AsNoTracking(), new ApplicationInbox.Viewer(role!.Value, department))
                    .Where(a => a.Id == id).Select(a => new { a.TrackingCode, a.ApplicantName, a.IdNumber, a.Phone }).FirstOrDefaultAsync(ct);
                return application is null ? null
                    : new($"{application.ApplicantName}（申请 {application.TrackingCode}）",
                        Mask(field, field == RevealField.IdNumber ? application.IdNumber : application.Phone));
        }
    }

    /// <summary>The one masking rule of each field: <see cref="Registry.IdNumber.Mask"/> and <see cref="PhoneNumber.Mask"/>.</summary>
    public static string? Mask(RevealField field, string? value) =>
        value is null ? null : field == RevealField.IdNumber ? Registry.IdNumber.Mask(value) : PhoneNumber.Mask(value);

    private async Task<(string Entity, string? Value, long? HouseholdId)?> FindAsync(Role role, string? department, Request r, CancellationToken ct)
    {
        switch (r.Record)
        {
            case RevealRecord.Person:
                var person = await db.Persons.AsNoTracking().Where(p => p.Id == r.Id)
                    .Select(p => new { p.IdNumber, p.Phone, p.HouseholdId }).FirstOrDefaultAsync(ct);
                return person is null ? null
                    : (nameof(Registry.Person), r.Field == RevealField.IdNumber ? person.IdNumber : person.Phone, person.HouseholdId);
            case RevealRecord.Household:
                var household = await db.Households.AsNoTracking().Where(h => h.Id == r.Id).Select(h => new { h.Phone }).FirstOrDefaultAsync(ct);
                return household is null ? null : (nameof(Registry.Household), household.Phone, r.Id);
            default:
                var application = await ApplicationInbox.Visible(db.Applications.AsNoTracking(), new ApplicationInbox.Viewer(role, department))
                    .Where(a => a.Id == r.Id).Select(a => new { a.IdNumber, a.Phone }).FirstOrDefaultAsync(ct);
                if (application is null) return null;
                // The applicant's household, when the registry knows the person: what an auditor of that division searches by.
                var householdId = await db.Persons.AsNoTracking().Where(p => p.IdNumber == application.IdNumber)
                    .Select(p => (long?)p.HouseholdId).FirstOrDefaultAsync(ct);
                return (nameof(AssistanceApplication), r.Field == RevealField.IdNumber ? application.IdNumber : application.Phone, householdId);
        }
    }
}
