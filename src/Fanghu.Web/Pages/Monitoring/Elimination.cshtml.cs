using Fanghu.Accounts;
using Fanghu.Monitoring;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Monitoring;

/// <summary>
/// 风险消除: each precondition met or not with the data behind it, the income assessment that feeds the check,
/// and the proposal — which the workflow refuses while any criterion fails.
/// </summary>
public sealed class EliminationModel(GetCase getCase, Elimination elimination, CaseWork work, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public EliminationMethod Method { get; set; } = EliminationMethod.ThroughAssistance;
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public AssessInput Assess { get; set; } = new();
    [BindProperty] public ProposeInput Propose { get; set; } = new();
    [TempData] public string? Done { get; set; }

    public GetCase.Result Case { get; private set; } = null!;
    public EliminationCheck? Check { get; private set; }

    /// <summary>The proposal under review or decided, with the criteria stored when it was made; null while monitored.</summary>
    public EliminationProposal? Proposal { get; private set; }
    public DateOnly Today { get; private set; }
    public Role? Role { get; private set; }

    /// <summary>The income assessment feeds the check, which only a case under assistance can be proposed on.</summary>
    public bool MayAssess => Case.Stage == CaseStage.Monitored && Role is Fanghu.Accounts.Role.Village or Fanghu.Accounts.Role.Township;
    public bool MayPropose => Case.Stage == CaseStage.Monitored && Role == Fanghu.Accounts.Role.Village;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAssessAsync(long id, CancellationToken ct)
    {
        if (Assess.AssessedOn is null) ModelState.AddModelError("Assess.AssessedOn", l["Validation.Required", l["Assess.AssessedOn"]]);
        if (Assess.NetIncome is null) ModelState.AddModelError("Assess.NetIncome", l["Validation.Required", l["Assess.NetIncome"]]);
        if (ModelState.IsValid && await Refusals.TryAsync(ModelState, nameof(Assess), () => elimination.AssessIncomeAsync(FanghuClaims.ActorOf(User),
                new Elimination.Assessment(id, Assess.AssessedOn!.Value, Assess.Months ?? 6, Assess.NetIncome!.Value, Assess.Note), ct)))
        {
            Done = l["Elimination.Done.Assess"];
            return RedirectToPage(new { id, method = Method });
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostProposeAsync(long id, CancellationToken ct)
    {
        if (Propose.On is null) ModelState.AddModelError("Propose.On", l["Validation.Required", l["Propose.On"]]);
        Refusals.RequireVersion(ModelState, nameof(Propose), Version);
        if (ModelState.IsValid && await Refusals.TryAsync(ModelState, nameof(Propose), () => elimination.ProposeAsync(FanghuClaims.ActorOf(User),
                new Elimination.Propose(id, Version, Propose.On!.Value, Method), ct)))
        {
            TempData["Done"] = l["Case.Done.Propose"].Value;
            return RedirectToPage("/Monitoring/Case", new { id });
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await getCase.HandleAsync(id, ct) is not { } c) return false;
        Case = c;
        Role = FanghuClaims.RoleOf(User);
        Today = work.Today;
        Proposal = EliminationSnapshots.Of(c);
        if (!Enum.IsDefined(Method)) Method = EliminationMethod.ThroughAssistance;
        if (c.Stage == CaseStage.Monitored)
            await Refusals.TryAsync(ModelState, "Check", async () => Check = await elimination.CheckAsync(id, Method, ct));
        Assess.AssessedOn ??= Today;
        Propose.On ??= Today;
        return true;
    }
}
