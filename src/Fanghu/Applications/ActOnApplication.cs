using Fanghu.Accounts;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Applications;

/// <summary>
/// Staff take an application through its steps (§7): 分办 (the township, county or administrator names the lead
/// department, the ones that help and the division that handles it), 受理办理, 进展答复 and 办结 (the lead department's
/// account, or the village, township or county that holds it). Every step is timed; a version from the form makes a
/// decision on an old copy a conflict.
/// </summary>
public sealed class ActOnApplication(CaseWork work)
{
    public enum Action { Assign, StartHandling, Reply, Close }

    public sealed record Request(long Id, int? Version, Action Action, ApplicationArea? Area = null, string? LeadDepartment = null,
        IReadOnlyList<string>? CoDepartments = null, string? HandlingDivision = null, string? Text = null);

    public static readonly Role[] AssignRoles = [Role.Township, Role.County, Role.Admin];
    public static readonly Role[] HandleRoles = [Role.Village, Role.Township, Role.County, Role.Department, Role.Admin];

    public async Task HandleAsync(Actor actor, string? department, Request r, CancellationToken ct)
    {
        var a = await work.Db.Applications.Include(x => x.Steps).FirstOrDefaultAsync(x => x.Id == r.Id, ct)
            ?? throw new NotFoundException("没有找到该申请，或不在您的管辖范围内");
        if (actor.Role == Role.Department && a.LeadDepartment != department && !a.CoDepartmentList.Contains(department ?? ""))
            throw new NotFoundException("没有找到该申请，或不在您的管辖范围内");
        if (r.Version is { } v && v != a.Version) throw await Conflicts.OfApplicationAsync(work.Db, a.Id, ct);

        switch (r.Action)
        {
            case Action.Assign:
                if (!AssignRoles.Contains(actor.Role)) throw new WorkflowRuleException("分办由乡镇、县级或管理员账号进行");
                CheckDepartments(r.LeadDepartment, r.CoDepartments ?? []);
                a.Assign(actor, r.Area ?? a.Area, r.LeadDepartment ?? "", r.CoDepartments ?? [], await HandlingDivisionAsync(a, r.HandlingDivision, ct),
                    work.Now);
                break;
            case Action.StartHandling:
                CheckHandler(actor, department, a);
                a.StartHandling(actor, r.Text, work.Now);
                break;
            case Action.Reply:
                CheckHandler(actor, department, a);
                a.ReplyInterim(actor, r.Text ?? "", work.Now);
                break;
            case Action.Close:
                CheckHandler(actor, department, a);
                a.Close(actor, r.Text ?? "", work.Today, work.Now);
                break;
            default:
                throw new WorkflowRuleException("没有这一办理操作");
        }
        await work.SaveAsync(ct);
    }

    /// <summary>Only the listed departments: a name no department account carries would leave the application with nobody.</summary>
    private static void CheckDepartments(string? lead, IReadOnlyList<string> co)
    {
        foreach (var name in co.Prepend(lead ?? "").Select(d => d.Trim()).Where(d => d.Length > 0))
            if (!ApplicationDepartments.All.Contains(name)) throw new WorkflowRuleException($"“{name}”不在可分办的部门之列");
    }

    /// <summary>
    /// The division that handles it on the ground lies where the application was filed: its township (or, for a record
    /// migrated at county level, its county) or a village under it — a code from elsewhere would send it nowhere.
    /// </summary>
    private async Task<string?> HandlingDivisionAsync(AssistanceApplication a, string? code, CancellationToken ct)
    {
        var handling = code?.Trim();
        if (string.IsNullOrEmpty(handling)) return null;
        var within = a.TownshipCode ?? a.CountyCode;
        if (!handling.StartsWith(within, StringComparison.Ordinal) || !await work.Db.Divisions.AnyAsync(d => d.Code == handling, ct))
            throw new WorkflowRuleException("办理单位应为申请所在的乡镇或其所辖的村（社区）");
        return handling;
    }

    /// <summary>A department answers for what it leads; a helping department adds to it through the lead.</summary>
    private static void CheckHandler(Actor actor, string? department, AssistanceApplication a)
    {
        if (!HandleRoles.Contains(actor.Role)) throw new WorkflowRuleException("本账号不能办理救助申请");
        if (actor.Role == Role.Department && a.LeadDepartment != department) throw new WorkflowRuleException("由牵头部门办理和答复，协办部门请与牵头部门联系");
    }
}
