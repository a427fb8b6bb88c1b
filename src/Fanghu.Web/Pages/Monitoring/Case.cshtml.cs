using Fanghu.Accounts;
using Fanghu.Assistance;
using Fanghu.Monitoring;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Monitoring;

/// <summary>
/// One monitoring case: where it stands, its leads, objections, timeline and plan, and the form of the step the
/// user's role owns at the current stage. Every step posts the case version it was built from, so a form left
/// open while someone else acted gives the conflict message instead of a decision on stale facts.
/// </summary>
public sealed class CaseModel(GetCase getCase, CaseWork work, VerifyLead verify, RecordVillageReview review, HandleObjection objections,
    CloseNotice closeNotice, DecideCase decide, SaveMeasure saveMeasure, IStringLocalizer<SharedResource> l) : PageModel
{
    public GetCase.Result Case { get; private set; } = null!;
    public Role? Role { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<MonitoringCategory> Categories { get; private set; } = [];
    public (MonitoringCategory? Category, string Reason)? Suggestion { get; private set; }

    /// <summary>The user's role owns the current stage: its form is shown.</summary>
    public bool Acts => Case.Owner is { } owner && Role == Stages.RoleOf(owner);
    public bool MayRecordMeasures => Case.AcceptsMeasures && Role is { } r && SaveMeasure.Roles.Contains(r);
    /// <summary>The notice has not run its days yet: closing it is not offered (the workflow refuses it too).</summary>
    public bool NoticeRunning => Case.NoticeEndsOn is { } ends && Today < ends;

    /// <summary>The elimination under review or decided, with the criteria stored when it was proposed.</summary>
    public EliminationProposal? Proposal => EliminationSnapshots.Of(Case);

    public bool MayUpdateMeasures => !Case.Stage.IsClosed() && Role is { } r && SaveMeasure.Roles.Contains(r);

    /// <summary>The case version the posted form was built from (the page always renders the current one).</summary>
    [BindProperty] public int? Version { get; set; }

    /// <summary>The forms this page shows now; a refusal of any other (its step has moved on) is shown at the top.</summary>
    public IReadOnlySet<string> ShownForms
    {
        get
        {
            var shown = new HashSet<string>();
            if (Acts)
                shown.UnionWith(Case.Stage switch
                {
                    CaseStage.Verification => [nameof(Verify)],
                    CaseStage.VillageReview or CaseStage.EliminationVillageReview => [nameof(Review)],
                    CaseStage.PublicNotice or CaseStage.EliminationNotice => [nameof(Objection), nameof(Answer), nameof(Close)],
                    _ => [nameof(Decision)],
                });
            if (MayRecordMeasures) shown.Add(nameof(Measure));
            if (MayUpdateMeasures && Case.Measures.Any(m => m.Id == MeasureUpdate.MeasureId)) shown.Add(nameof(MeasureUpdate));
            if (shown.Contains(nameof(Answer)) && !Case.Objections.Any(o => o.Id == Answer.ObjectionId && o.AnsweredOn is null))
                shown.Remove(nameof(Answer));
            return shown;
        }
    }
    [BindProperty] public VerifyInput Verify { get; set; } = new();
    [BindProperty] public ReviewInput Review { get; set; } = new();
    [BindProperty] public ObjectionInput Objection { get; set; } = new();
    [BindProperty] public AnswerInput Answer { get; set; } = new();
    [BindProperty] public CloseInput Close { get; set; } = new();
    [BindProperty] public DecisionInput Decision { get; set; } = new();
    [BindProperty] public MeasureInput Measure { get; set; } = new();
    [BindProperty] public MeasureUpdateInput MeasureUpdate { get; set; } = new();

    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Verify.Risks = [.. Case.Leads.SelectMany(x => x.RiskTypes).Distinct().Take(RiskTypes.MaxPerCase)];
        Verify.Income12Months = Case.Leads.LastOrDefault(x => x.EstimatedIncome12Months is not null)?.EstimatedIncome12Months;
        if (Categories.Count == 1) Verify.Category = Categories[0];
        return Page();
    }

    public Task<IActionResult> OnPostVerifyAsync(long id, CancellationToken ct) => ActAsync(id, nameof(Verify), () =>
    {
        if (Verify.VisitedOn is not { } visited) return Missing(nameof(Verify), "Verify.VisitedOn");
        var propose = Verify.Outcome != VerifyInput.Dismiss;
        return verify.HandleAsync(Actor, new VerifyLead.Request(id, Version, visited, propose, Verify.ConsentOn,
            propose ? Verify.Category : null, Refusals.Codes(Verify.Risks), propose && Verify.FastTrack, Verify.DismissReason, Verify.Note,
            Verify.Income12Months, Verify.RigidSpending12Months, GuaranteeInput.Seen(Verify.Guarantees)), ct);
    }, ct);

    /// <summary>建议类别: shows the rule's suggestion for the figures typed so far, keeping the form as it is (nothing is saved).</summary>
    public async Task<IActionResult> OnPostSuggestAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (ModelState.IsValid)
        {
            await Refusals.TryAsync(ModelState, nameof(Verify), async () =>
                Suggestion = await verify.SuggestAsync(id, Verify.Income12Months, Verify.RigidSpending12Months, Verify.SharpIncomeLoss,
                    Refusals.Codes(Verify.Risks), ct));
            if (Suggestion is { Category: { } suggested })
            {
                Verify.Category = suggested;
                ModelState.Remove("Verify.Category");
            }
        }
        return Page();
    }

    public Task<IActionResult> OnPostReviewAsync(long id, CancellationToken ct) => ActAsync(id, nameof(Review), () =>
    {
        if (Review.HeldOn is not { } held) return Missing(nameof(Review), "Review.HeldOn");
        if (Review.NoticeStartsOn is not { } notice) return Missing(nameof(Review), "Review.NoticeStartsOn");
        return review.HandleAsync(Actor, new RecordVillageReview.Request(id, Version, held, Review.Attendees ?? 0, Review.VotesFor ?? 0,
            Review.VotesAgainst ?? 0, Review.Minutes, notice), ct);
    }, ct);

    public Task<IActionResult> OnPostObjectionAsync(long id, CancellationToken ct) => ActAsync(id, nameof(Objection), () =>
        Objection.RaisedOn is not { } raised ? Missing(nameof(Objection), "Objection.RaisedOn")
            : objections.RaiseAsync(Actor, new HandleObjection.Raise(id, Version, raised, Objection.RaisedBy, Objection.Content), ct), ct);

    public Task<IActionResult> OnPostAnswerAsync(long id, CancellationToken ct) => ActAsync(id, nameof(Answer), () =>
    {
        if (Answer.AnsweredOn is not { } answered) return Missing(nameof(Answer), "Answer.AnsweredOn");
        if (Answer.Verdict is not (AnswerInput.Upheld or AnswerInput.Rejected)) return Missing(nameof(Answer), "Answer.Verdict");
        return objections.AnswerAsync(Actor, new HandleObjection.Answer(id, Version, Answer.ObjectionId, answered, Answer.Response,
            Answer.Verdict == AnswerInput.Upheld), ct);
    }, ct);

    public Task<IActionResult> OnPostCloseNoticeAsync(long id, CancellationToken ct) => ActAsync(id, nameof(Close), () =>
        Close.ClosedOn is not { } closed ? Missing(nameof(Close), "Close.ClosedOn")
            : closeNotice.HandleAsync(Actor, new CloseNotice.Request(id, Version, closed), ct), ct);

    public Task<IActionResult> OnPostApproveAsync(long id, CancellationToken ct) => DecideAsync(id, DecideCase.Decision.Approve, ct);

    public Task<IActionResult> OnPostReturnAsync(long id, CancellationToken ct) => DecideAsync(id, DecideCase.Decision.Return, ct);

    public Task<IActionResult> OnPostMeasureAsync(long id, CancellationToken ct) => ActAsync(id, nameof(Measure), () =>
    {
        if (Measure.Type is not { } type) return Missing(nameof(Measure), "Measure.Type");
        if (Measure.StartOn is not { } start) return Missing(nameof(Measure), "Measure.StartOn");
        return saveMeasure.HandleAsync(Actor, new SaveMeasure.Request(id, null, Version, new MeasureDetails(type, Measure.Content,
            Measure.ResponsibleUnit, Measure.ResponsiblePerson, start, Measure.EndOn, Measure.Amount, Measure.Status, Measure.Effect)), ct);
    }, ct);

    /// <summary>Changes a measure's status, end date and effect; the rest of the measure stays as it was recorded.</summary>
    public async Task<IActionResult> OnPostMeasureUpdateAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var measure = Case.Measures.FirstOrDefault(m => m.Id == MeasureUpdate.MeasureId);
        if (measure is null) return NotFound();
        return await ActAsync(id, nameof(MeasureUpdate), () => saveMeasure.HandleAsync(Actor, new SaveMeasure.Request(id, measure.Id,
            MeasureUpdate.MeasureVersion, new MeasureDetails(measure.Type, measure.Content, measure.ResponsibleUnit, measure.ResponsiblePerson,
                measure.StartOn, MeasureUpdate.EndOn, measure.Amount, MeasureUpdate.Status, MeasureUpdate.Effect)), ct), ct);
    }

    /// <summary>The county's decision is its 审定, the township's its 审核: the confirmation names the one taken.</summary>
    private Task<IActionResult> DecideAsync(long id, DecideCase.Decision decision, CancellationToken ct) => ActAsync(id, nameof(Decision), () =>
        Decision.On is not { } on ? Missing(nameof(Decision), "Decision.On")
            : decide.HandleAsync(Actor, new DecideCase.Request(id, Version, decision, on, Decision.Text), ct), ct,
        FanghuClaims.RoleOf(User) == Fanghu.Accounts.Role.County ? "Case.Done.Decision.County" : null);

    private Fanghu.Monitoring.Actor Actor => FanghuClaims.ActorOf(User);

    /// <summary>
    /// Runs one step: a form that does not bind, a missing field or a refusal of the workflow shows the page again
    /// with the message next to that form and what was typed; success redirects (PRG) with a confirmation.
    /// </summary>
    private async Task<IActionResult> ActAsync(long id, string form, Func<Task> step, CancellationToken ct, string? done = null)
    {
        // A measure's update carries the measure's own version instead.
        if (form != nameof(MeasureUpdate)) Refusals.RequireVersion(ModelState, form, Version);
        if (ModelState.IsValid && await Refusals.TryAsync(ModelState, form, step) && ModelState.IsValid)
        {
            Done = l[done ?? $"Case.Done.{form}"];
            return RedirectToPage(new { id });
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>A required field left empty: the message goes next to the field (its key is the field's name).</summary>
    private Task Missing(string form, string field)
    {
        ModelState.AddModelError(field.StartsWith(form + ".", StringComparison.Ordinal) ? field : form, l["Validation.Required", l[field]]);
        return Task.CompletedTask;
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await getCase.HandleAsync(id, ct) is not { } c) return false;
        Case = c;
        Role = FanghuClaims.RoleOf(User);
        Today = work.Today;
        try
        {
            Categories = CategoryRule.Allowed((await work.PolicyAsync(c.VillageCode, Today, ct)).Categories);
        }
        catch (WorkflowRuleException)
        {
            Categories = Enum.GetValues<MonitoringCategory>();
        }
        // A form posted for another step leaves these empty: they start from today, as on a fresh page.
        Verify.VisitedOn ??= Today;
        Verify.Guarantees = GuaranteeInput.Complete(Verify.Guarantees);
        Review.HeldOn ??= Today;
        Review.NoticeStartsOn ??= Today;
        Objection.RaisedOn ??= Today;
        Answer.AnsweredOn ??= Today;
        // Today, also before the notice has run (the button is then disabled): a later date would exceed the input's max.
        Close.ClosedOn ??= Today;
        Decision.On ??= Today;
        Measure.StartOn ??= Today;
        return true;
    }
}
