using System.Security.Claims;
using Fanghu.Accounts;
using Fanghu.Monitoring;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Fanghu.Web.Accounts;

/// <summary>The claims Fanghu puts in the sign-in cookie besides Identity's own.</summary>
public static class FanghuClaims
{
    public const string Division = "fanghu:division";
    public const string DisplayName = "fanghu:display-name";
    public const string Department = "fanghu:department";

    public static Role? RoleOf(ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static IReadOnlyList<string> DivisionsOf(ClaimsPrincipal user) =>
        [.. user.FindAll(Division).Select(c => c.Value)];

    public static string NameOf(ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) is { Length: > 0 } name ? name : user.Identity?.Name ?? "";

    /// <summary>A department account's department (医保, 教育…); null for other accounts.</summary>
    public static string? DepartmentOf(ClaimsPrincipal user) => user.FindFirstValue(Department) is { Length: > 0 } d ? d : null;

    /// <summary>The signed-in account as the workflow records it (who acted, in which role).</summary>
    public static Fanghu.Monitoring.Actor ActorOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("未登录"),
        NameOf(user),
        RoleOf(user) ?? throw new InvalidOperationException("账号没有角色"));

    /// <summary>Who the audit trail records for this request: the account (user name and role) or 匿名 (the public pages), and the address.</summary>
    public static Fanghu.Audit.AuditActor AuditActorOf(Microsoft.AspNetCore.Http.HttpContext context)
    {
        var user = context.User;
        var address = context.Connection.RemoteIpAddress?.ToString();
        return user.Identity?.IsAuthenticated == true
            ? new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.Identity.Name ?? NameOf(user), RoleOf(user)?.ToString(), address)
            : new("anonymous", "匿名", null, address);
    }
}

/// <summary>Adds the role and the division codes at sign-in, so each request can scope without a database read.</summary>
public sealed class FanghuClaimsPrincipalFactory(UserManager<FanghuUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<FanghuUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(FanghuUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(FanghuClaims.DisplayName, user.DisplayName));
        foreach (var code in user.DivisionCodes)
            identity.AddClaim(new Claim(FanghuClaims.Division, code));
        if (!string.IsNullOrWhiteSpace(user.Department))
            identity.AddClaim(new Claim(FanghuClaims.Department, user.Department));
        if (user.TwoFactorEnabled)
            identity.AddClaim(new Claim(TwoFactor.EnrolledClaim, "totp"));
        return identity;
    }
}

/// <summary>The <see cref="DataScope"/> of a request, computed from the user's claims.</summary>
public static class UserScope
{
    public static DataScope From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return DataScope.Nothing;
        return FanghuClaims.RoleOf(user) is { } role ? DataScope.For(role, FanghuClaims.DivisionsOf(user)) : DataScope.Nothing;
    }
}

public static class Policies
{
    /// <summary>Importing registry data: county bureaus and administrators (DESIGN §1: the prefecture supervises, no case edits).</summary>
    public const string Import = "import";

    /// <summary>Reading individual households and persons: everyone but department data officers, who see outcomes in aggregate.</summary>
    public const string Registry = "registry";

    /// <summary>
    /// The monitoring workflow (待办, 走访, cases, 督办): everyone but department data officers. Which step a role may
    /// take is the workflow's own rule (MonitoringCase refuses the others), so the folder only keeps departments out.
    /// </summary>
    public const string Monitoring = "monitoring";

    /// <summary>
    /// 部门筛查 (DESIGN §6): department data officers for their own datasets, county bureaus and administrators; the
    /// prefecture reads runs and outcomes (and may version rules for every division), auditors read. Village and township do not.
    /// </summary>
    public const string Screening = "screening";

    /// <summary>
    /// 救助申请受理 (DESIGN §7): every staff role — a department for what its department leads or helps with, the
    /// prefecture and auditors to read. Which step a role may take is ActOnApplication's own rule.
    /// </summary>
    public const string Applications = "applications";

    /// <summary>
    /// Revealing a person's or a household's full ID number or phone (查看完整信息, docs/adr/0017): the roles that work cases
    /// in their scope (village, township, county), the auditor and the administrator; RevealPersonalData's own rule.
    /// </summary>
    public const string Reveal = "reveal";

    /// <summary>Revealing an applicant's ID number or phone: the <see cref="Reveal"/> roles and the departments handling applications.</summary>
    public const string RevealApplications = "reveal-applications";

    /// <summary>审计日志: the auditor (read-only, in its divisions) and the administrator (everything) search the audit trail.</summary>
    public const string Audit = "audit";

    public static readonly Role[] AuditRoles = [Role.Auditor, Role.Admin];

    public static bool MayReadAudit(ClaimsPrincipal user) => FanghuClaims.RoleOf(user) is { } role && AuditRoles.Contains(role);

    public static bool MayReveal(ClaimsPrincipal user, Fanghu.Audit.RevealRecord record) =>
        Fanghu.Audit.RevealPersonalData.MayReveal(FanghuClaims.RoleOf(user), record);

    public static readonly Role[] ApplicationRoles =
        [Role.Village, Role.Township, Role.County, Role.Prefecture, Role.Department, Role.Auditor, Role.Admin];

    public static bool MayReadApplications(ClaimsPrincipal user) => FanghuClaims.RoleOf(user) is { } role && ApplicationRoles.Contains(role);

    /// <summary>Whose applications the user sees (a department account: its department's, within its divisions).</summary>
    public static Fanghu.Applications.ApplicationInbox.Viewer ApplicationViewerOf(ClaimsPrincipal user) =>
        new(FanghuClaims.RoleOf(user) ?? Role.Village, FanghuClaims.DepartmentOf(user));

    /// <summary>Who reads 部门筛查 (runs, outcomes, rules): auditors too, who read everything in their scope (DESIGN §1).</summary>
    public static readonly Role[] ScreeningRoles = [Role.Department, Role.County, Role.Prefecture, Role.Auditor, Role.Admin];

    public static bool MayScreen(ClaimsPrincipal user) => FanghuClaims.RoleOf(user) is { } role && ScreeningRoles.Contains(role);

    /// <summary>Uploading a department file: ScreenFile's own rule.</summary>
    public static bool MayUploadScreening(ClaimsPrincipal user) =>
        FanghuClaims.RoleOf(user) is { } role && Fanghu.Screening.ScreenFile.Roles.Contains(role);

    /// <summary>
    /// 收入监测范围测算: trying a different income line for a year writes nothing, so the prefecture, which sets the line
    /// for its counties, may run it next to county and administrator; a department holds no incomes.
    /// </summary>
    public static readonly Role[] IncomeLineWhatIfRoles = [Role.County, Role.Prefecture, Role.Admin];

    public static bool MayTryIncomeLine(ClaimsPrincipal user) => FanghuClaims.RoleOf(user) is { } role && IncomeLineWhatIfRoles.Contains(role);

    public static bool MayVersionRules(ClaimsPrincipal user) =>
        FanghuClaims.RoleOf(user) is { } role && Fanghu.Screening.RuleVersions.Roles.Contains(role);

    /// <summary>Which screening runs the user sees (a department account: its department's).</summary>
    public static Fanghu.Screening.RunViewer RunViewerOf(ClaimsPrincipal user) =>
        new(FanghuClaims.RoleOf(user) ?? Role.Village, FanghuClaims.DepartmentOf(user), UserScope.From(user));

    public static readonly Role[] MonitoringRoles = [Role.Village, Role.Township, Role.County, Role.Prefecture, Role.Auditor, Role.Admin];

    public static readonly Role[] ImportRoles = [Role.County, Role.Admin];
    public static readonly Role[] RegistryRoles = [Role.Village, Role.Township, Role.County, Role.Prefecture, Role.Auditor, Role.Admin];

    public static bool MayImport(ClaimsPrincipal user) => FanghuClaims.RoleOf(user) is { } role && ImportRoles.Contains(role);

    public static bool MayMonitor(ClaimsPrincipal user) => FanghuClaims.RoleOf(user) is { } role && MonitoringRoles.Contains(role);

    /// <summary>The lead channels taken down on the 走访登记 page, those a role may record (RecordLead's own rule).</summary>
    public static readonly LeadChannel[] VisitChannels = [LeadChannel.CadreVisit, LeadChannel.SelfDeclaration];

    /// <summary>The channels of the 走访登记 page the user's role may record; empty when it may record neither.</summary>
    public static IReadOnlyList<LeadChannel> VisitChannelsOf(ClaimsPrincipal user) =>
        FanghuClaims.RoleOf(user) is { } role ? [.. VisitChannels.Where(c => RecordLead.RolesFor(c).Contains(role))] : [];

    /// <summary>走访登记 is offered to the roles that may record a cadre visit or a self-declaration.</summary>
    public static bool MayRecordVisit(ClaimsPrincipal user) => MayMonitor(user) && VisitChannelsOf(user).Count > 0;

    /// <summary>报表冻结: FreezeReport's own rule (county, prefecture, administrator); every report reader sees the snapshots.</summary>
    public static bool MayFreezeReports(ClaimsPrincipal user) =>
        FanghuClaims.RoleOf(user) is { } role && Fanghu.Reports.FreezeReport.Roles.Contains(role);

    public static bool MayReadRegistry(ClaimsPrincipal user) => FanghuClaims.RoleOf(user) is { } role && RegistryRoles.Contains(role);
}
