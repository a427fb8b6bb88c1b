using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Web.Accounts;
using Fanghu.Web.Pages.Monitoring;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Applications;

/// <summary>
/// One application as staff handle it: who asks and about what, its deadline, its timed steps, the case it became,
/// and the forms of the steps the user's role may take now (分办, 受理办理, 进展答复, 办结, 转为监测线索). Each form
/// posts the version the page was built from, so a decision on a copy someone else has moved on is a conflict.
/// </summary>
public sealed class DetailModel(GetApplication get, ActOnApplication act, ApplicationToLead toLead, ListDivisions divisions,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public GetApplication.Detail Detail { get; private set; } = null!;
    public AssistanceApplication Application => Detail.Application;
    public Role? Role { get; private set; }

    /// <summary>Where the application may be handled on the ground: its township and the township's villages.</summary>
    public IReadOnlyList<ListDivisions.DivisionRow> HandlingChoices { get; private set; } = [];
    public string? HandlingName { get; private set; }

    private string? Department => FanghuClaims.DepartmentOf(User);

    public bool MayAssign => Application.IsOpen && Role is { } r && ActOnApplication.AssignRoles.Contains(r);

    /// <summary>The lead department's account, or a division's that holds it; a helping department works through the lead.</summary>
    public bool Handles => Role is { } r && ActOnApplication.HandleRoles.Contains(r)
        && (r != Fanghu.Accounts.Role.Department || Application.LeadDepartment == Department);

    /// <summary>A department account that only helps (协办): it reads, the lead department answers.</summary>
    public bool OnlyHelps => Role == Fanghu.Accounts.Role.Department && Application.LeadDepartment != Department;

    public bool MayStart => Handles && Application.Status == ApplicationStatus.Assigned;
    public bool MayReply => Handles && Application.IsOpen;
    public bool MayClose => Handles && Application.Status is ApplicationStatus.Assigned or ApplicationStatus.Handling;
    public bool MayMakeLead => Application.LeadId is null && Role is { } r && RecordLead.RolesFor(LeadChannel.SelfDeclaration).Contains(r);

    /// <summary>Cases are individual households: departments see neither the link nor the stage (DESIGN §1).</summary>
    public bool SeesCases => Policies.MayMonitor(User);

    public bool ReadOnly => !MayAssign && !MayReply && !MayMakeLead;

    /// <summary>The forms this page shows now; a refusal of any other (its step has moved on) is shown at the top.</summary>
    public IReadOnlySet<string> ShownForms
    {
        get
        {
            var shown = new HashSet<string>();
            if (MayAssign) shown.Add(nameof(Assign));
            if (MayStart) shown.Add(nameof(Start));
            if (MayReply) shown.Add(nameof(Reply));
            if (MayClose) shown.Add(nameof(Close));
            if (MayMakeLead) shown.Add(LeadForm);
            return shown;
        }
    }

    public const string LeadForm = "Lead";

    [BindProperty] public int? Version { get; set; }
    [BindProperty] public AssignInput Assign { get; set; } = new();
    [BindProperty] public NoteInput Start { get; set; } = new();
    [BindProperty] public NoteInput Reply { get; set; } = new();
    [BindProperty] public NoteInput Close { get; set; } = new();

    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Assign.Area = Application.Area;
        Assign.LeadDepartment = Application.LeadDepartment ?? ApplicationDepartments.SuggestedFor(Application.Area);
        Assign.CoDepartments = [.. Application.CoDepartmentList];
        Assign.HandlingDivision = Application.HandlingDivisionCode ?? Application.VillageCode;
        return Page();
    }

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) => ActAsync(id, nameof(Assign), () =>
        act.HandleAsync(Actor, Department, new ActOnApplication.Request(id, Version, ActOnApplication.Action.Assign, Assign.Area,
            Assign.LeadDepartment, Assign.CoDepartments, Assign.HandlingDivision), ct), ct);

    public Task<IActionResult> OnPostStartAsync(long id, CancellationToken ct) => ActAsync(id, nameof(Start), () =>
        act.HandleAsync(Actor, Department, new ActOnApplication.Request(id, Version, ActOnApplication.Action.StartHandling, Text: Start.Text), ct), ct);

    public Task<IActionResult> OnPostReplyAsync(long id, CancellationToken ct) => ActAsync(id, nameof(Reply), () =>
        act.HandleAsync(Actor, Department, new ActOnApplication.Request(id, Version, ActOnApplication.Action.Reply, Text: Reply.Text), ct), ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) => ActAsync(id, nameof(Close), () =>
        act.HandleAsync(Actor, Department, new ActOnApplication.Request(id, Version, ActOnApplication.Action.Close, Text: Close.Text), ct), ct);

    /// <summary>一键转为监测线索: the confirmation says whether the lead opened a case, joined the open one or re-opened the household.</summary>
    public Task<IActionResult> OnPostLeadAsync(long id, CancellationToken ct)
    {
        var done = "Applications.Done.Lead.Joined";
        return ActAsync(id, LeadForm, async () =>
        {
            var result = await toLead.HandleAsync(Actor, id, Version, ct);
            done = result.ReEntry ? "Applications.Done.Lead.ReEntry" : result.OpenedCase ? "Applications.Done.Lead.Opened" : done;
        }, ct, () => done);
    }

    private Fanghu.Monitoring.Actor Actor => FanghuClaims.ActorOf(User);

    /// <summary>
    /// Runs one step: a form that does not bind or a refusal (the workflow's rule, a stale version, an application
    /// outside the user's divisions) shows the page again with the message and what was typed; success redirects (PRG).
    /// </summary>
    private async Task<IActionResult> ActAsync(long id, string form, Func<Task> step, CancellationToken ct, Func<string>? done = null)
    {
        Refusals.RequireVersion(ModelState, form, Version);
        if (ModelState.IsValid && await Refusals.TryAsync(ModelState, form, step) && ModelState.IsValid)
        {
            Done = l[done?.Invoke() ?? $"Applications.Done.{form}"];
            return RedirectToPage(new { id });
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await get.HandleAsync(Policies.ApplicationViewerOf(User), id, ct) is not { } detail) return false;
        Detail = detail;
        Role = FanghuClaims.RoleOf(User);
        var a = detail.Application;
        if (MayAssign)
        {
            var within = a.TownshipCode ?? a.CountyCode;
            HandlingChoices = [.. await divisions.NamesAsync([within], ct), .. await divisions.HandleAsync(within, ct)];
        }
        if (a.HandlingDivisionCode is { } handling)
            HandlingName = (await divisions.NamesAsync([handling], ct))[0].Name;
        return true;
    }
}

/// <summary>分办: the area as triaged, the lead department, the ones that help, and the division that handles it.</summary>
public sealed class AssignInput
{
    public ApplicationArea? Area { get; set; }
    public string? LeadDepartment { get; set; }
    public List<string> CoDepartments { get; set; } = [];
    public string? HandlingDivision { get; set; }
}

/// <summary>A note or an answer (受理说明, 进展答复, 办结答复); an empty one reaches the workflow, which says what is missing.</summary>
public sealed class NoteInput
{
    public string? Text { get; set; }
}
