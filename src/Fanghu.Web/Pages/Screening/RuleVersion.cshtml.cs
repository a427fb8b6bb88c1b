using Fanghu.Monitoring;
using Fanghu.Screening;
using Fanghu.Web.Accounts;
using Fanghu.Web.Pages.Monitoring;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Screening;

public sealed class RuleInput
{
    public decimal? Threshold { get; set; }
    public Population Population { get; set; }
    public RuleWindow Window { get; set; }
    public int? AgeMin { get; set; }
    public int? AgeMax { get; set; }
    public string? Signal { get; set; }
    public string? RiskType { get; set; }
    public RuleStatus Status { get; set; } = RuleStatus.Active;
    public string? Note { get; set; }
}

/// <summary>
/// 新增规则版本: a county account adds a version of a rule for its county, the prefecture or an administrator for every
/// division. The form starts from the version in force there; saving adds a version (RuleVersions), never edits one.
/// </summary>
public sealed class RuleVersionModel(RuleVersions versions, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty] public RuleInput Rule { get; set; } = new();

    public ScreeningRule Basis { get; private set; } = null!;
    public string? Division { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Policies.MayVersionRules(User)) return Forbid();
        if (await LoadAsync(ct) is { } missing) return missing;
        var d = Basis.Definition;
        Rule = new RuleInput
        {
            Threshold = d.Kind == RuleKind.Threshold ? d.Threshold : null,
            Population = d.Population,
            Window = d.Window,
            AgeMin = d.AgeMin,
            AgeMax = d.AgeMax,
            Signal = d.Signal,
            RiskType = d.RiskType,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Policies.MayVersionRules(User)) return Forbid();
        if (await LoadAsync(ct) is { } missing) return missing;
        if (Basis.Definition.Kind == RuleKind.Threshold && Rule.Threshold is null && !Invalid("Rule.Threshold"))
            ModelState.AddModelError("Rule.Threshold", l["Validation.Required", l["Screening.Threshold"]]);
        else if (Rule.Threshold <= 0)
            ModelState.AddModelError("Rule.Threshold", l["Screening.ThresholdPositive"]);
        if (string.IsNullOrWhiteSpace(Rule.Signal))
            ModelState.AddModelError("Rule.Signal", l["Validation.Required", l["Screening.Signal"]]);
        if (!ModelState.IsValid) return Page();

        RuleVersions.Saved? saved = null;
        await Refusals.TryAsync(ModelState, nameof(Rule), async () => saved = await versions.AddAsync(FanghuClaims.ActorOf(User),
            new RuleVersions.Request(Key, Rule.Threshold, Rule.Population, Rule.Window, Rule.Signal, Rule.RiskType, Rule.AgeMin, Rule.AgeMax,
                Rule.Status, Rule.Note, Division), ct));
        if (saved is null) return Page();
        TempData["Notice"] = saved.Retired.Count > 0
            ? l["Screening.VersionSavedRetired", $"{saved.Key} v{saved.Version}", string.Join("、", saved.Retired)].Value
            : l["Screening.VersionSaved", $"{saved.Key} v{saved.Version}", l[$"Screening.RuleStatus.{saved.Status}"]].Value;
        return Redirect($"/Screening/Rules#rule-{saved.Key}");
    }

    private bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        try
        {
            Division = versions.DivisionFor(FanghuClaims.ActorOf(User));
        }
        catch (WorkflowRuleException e)
        {
            ModelState.AddModelError(nameof(Rule), e.Message);
            return Forbid();
        }
        if (await versions.BaseAsync(Key, Division, ct) is not { } basis) return NotFound();
        Basis = basis;
        return null;
    }
}
