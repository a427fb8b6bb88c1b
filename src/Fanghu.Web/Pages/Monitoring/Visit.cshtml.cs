using Fanghu.Monitoring;
using Fanghu.Registry;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Monitoring;

/// <summary>
/// 走访登记: a cadre records a home visit (or a resident's declaration taken down by staff) as a lead. The
/// household is found by number or head's name within the user's scope, or comes preselected from its page.
/// </summary>
public sealed class VisitModel(SearchRegistry search, GetHouseholdDetail detail, RecordLead recordLead, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "household")] public long? HouseholdParameter { get; set; }
    [BindProperty] public VisitInput Visit { get; set; } = new();

    public IReadOnlyList<SearchRegistry.HouseholdRow> Found { get; private set; } = [];
    public int FoundTotal { get; private set; }
    public GetHouseholdDetail.Result? Household { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>The channels the user's role may record (a county records self-declarations, not cadre visits).</summary>
    public IReadOnlyList<LeadChannel> Channels { get; private set; } = [];

    /// <summary>Why the page is refused: the role may record neither channel (403).</summary>
    public string? Refusal { get; private set; }

    [TempData] public string? Outcome { get; set; }
    [TempData] public string? OutcomeCase { get; set; }
    [TempData] public string? OutcomeHousehold { get; set; }

    public string? HeadName => Household?.Members.FirstOrDefault(m => m.Relation == Relation.Head)?.Name;
    public GetHouseholdDetail.Episode? OpenEpisode => Household?.Episodes.LastOrDefault(e => !e.Stage.IsClosed());

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Refused() is { } refused) return refused;
        Visit.Reporter = FanghuClaims.NameOf(User);
        // Today's date is offered on the empty form only: a date the user cleared stays empty with its message.
        Visit.ReportedOn = clock.Today();
        if (!Channels.Contains(Visit.Channel)) Visit.Channel = Channels[0];
        return await ShowAsync(HouseholdParameter, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Refused() is { } refused) return refused;
        if (Visit.HouseholdId is not { } householdId) return await ShowAsync(null, ct);
        // The two required fields are checked here, under the field's own key, so the message stands next to the field;
        // the use case repeats the checks for the API.
        Require("Visit.ReportedOn", Visit.ReportedOn is null, "Visit.ReportedOn");
        Require("Visit.Summary", string.IsNullOrWhiteSpace(Visit.Summary), "Visit.Summary");
        RecordLead.Result? result = null;
        if (ModelState.IsValid)
            await Refusals.TryAsync(ModelState, nameof(Visit), async () => result = await recordLead.HandleAsync(FanghuClaims.ActorOf(User),
                new RecordLead.Request(householdId, Visit.Channel, Visit.ReportedOn!.Value, Visit.Summary, Refusals.Codes(Visit.Risks),
                    Visit.Reporter, Visit.Income12Months, GuaranteeInput.Seen(Visit.Guarantees)), ct));
        if (result is null) return await ShowAsync(householdId, ct);

        Outcome = result.ReEntry ? "ReEntry" : result.OpenedCase ? "Opened" : "Attached";
        OutcomeCase = result.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        OutcomeHousehold = householdId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return RedirectToPage();
    }

    /// <summary>Whether the field already has a message (a value that could not be read).</summary>
    private bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    /// <summary>“请填写…” for an empty field, unless the field already has a message (a value that could not be read).</summary>
    private void Require(string key, bool missing, string label)
    {
        if (missing && !Invalid(key))
            ModelState.AddModelError(key, l["Validation.Required", l[label]]);
    }

    /// <summary>Refuses the page (403) to a role that may record neither a cadre visit nor a self-declaration.</summary>
    private PageResult? Refused()
    {
        Channels = Policies.VisitChannelsOf(User);
        if (Channels.Count > 0) return null;
        Refusal = l["Visit.NotForRole"];
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(long? householdId, CancellationToken ct)
    {
        Today = clock.Today();
        Visit.Guarantees = GuaranteeInput.Complete(Visit.Guarantees);
        if (householdId is { } id)
        {
            Household = await detail.HandleAsync(id, healthShown: false, ct);
            if (Household is null) return NotFound();
            Visit.HouseholdId = id;
        }
        else if (!string.IsNullOrWhiteSpace(Query))
        {
            var page = await search.HouseholdsAsync(new SearchRegistry.Request(Query, null, 1, 10), ct);
            Found = page.Items;
            FoundTotal = page.Total;
        }
        return Page();
    }
}
