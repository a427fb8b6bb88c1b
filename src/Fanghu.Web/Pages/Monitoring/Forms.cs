using Fanghu.Assistance;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Fanghu.Web.Pages.Monitoring;

/// <summary>
/// The fields of the workflow's forms as people type them. Dates and numbers are nullable so that an empty field
/// reaches the use case, which says in Chinese what is missing; the page keeps what was typed.
/// </summary>
public sealed class GuaranteeInput
{
    public GuaranteeAspect Aspect { get; set; }

    /// <summary>"secure", "insecure" or empty (未核查).</summary>
    public string? Status { get; set; }
    public string? Evidence { get; set; }

    public const string Secure = "secure", Insecure = "insecure";

    public static List<GuaranteeInput> Blank() => [.. Enum.GetValues<GuaranteeAspect>().Select(a => new GuaranteeInput { Aspect = a })];

    /// <summary>The aspects checked (有保障 / 无保障); 未核查 ones are left out. A list missing aspects is completed.</summary>
    public static List<RecordLead.GuaranteeSeen> Seen(IEnumerable<GuaranteeInput>? inputs) =>
        [.. (inputs ?? []).Where(g => Enum.IsDefined(g.Aspect) && g.Status is Secure or Insecure)
            .DistinctBy(g => g.Aspect)
            .Select(g => new RecordLead.GuaranteeSeen(g.Aspect, g.Status == Secure, g.Evidence))];

    /// <summary>Five rows in the aspects' order, whatever came back from the form.</summary>
    public static List<GuaranteeInput> Complete(List<GuaranteeInput>? posted) =>
        [.. Enum.GetValues<GuaranteeAspect>().Select(a => posted?.FirstOrDefault(g => g.Aspect == a) ?? new GuaranteeInput { Aspect = a })];
}

public sealed class VisitInput
{
    public long? HouseholdId { get; set; }
    public LeadChannel Channel { get; set; } = LeadChannel.CadreVisit;
    public DateOnly? ReportedOn { get; set; }
    public string? Reporter { get; set; }
    public string? Summary { get; set; }
    public List<string> Risks { get; set; } = [];
    public decimal? Income12Months { get; set; }
    public List<GuaranteeInput> Guarantees { get; set; } = GuaranteeInput.Blank();
}

public sealed class VerifyInput
{
    public DateOnly? VisitedOn { get; set; }
    public DateOnly? ConsentOn { get; set; }
    public decimal? Income12Months { get; set; }
    public decimal? RigidSpending12Months { get; set; }
    public bool SharpIncomeLoss { get; set; }
    public List<GuaranteeInput> Guarantees { get; set; } = GuaranteeInput.Blank();

    /// <summary>"propose" (拟纳入) or "dismiss" (不予纳入).</summary>
    public string Outcome { get; set; } = Propose;
    public MonitoringCategory? Category { get; set; }
    public List<string> Risks { get; set; } = [];
    public bool FastTrack { get; set; }
    public string? DismissReason { get; set; }
    public string? Note { get; set; }

    public const string Propose = "propose", Dismiss = "dismiss";
}

public sealed class ReviewInput
{
    public DateOnly? HeldOn { get; set; }
    public int? Attendees { get; set; }
    public int? VotesFor { get; set; }
    public int? VotesAgainst { get; set; }
    public string? Minutes { get; set; }
    public DateOnly? NoticeStartsOn { get; set; }
}

public sealed class ObjectionInput
{
    public DateOnly? RaisedOn { get; set; }
    public string? RaisedBy { get; set; }
    public string? Content { get; set; }
}

public sealed class AnswerInput
{
    public long ObjectionId { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? Response { get; set; }

    /// <summary>"upheld" (异议成立) or "rejected" (异议不成立); nothing chosen is refused.</summary>
    public string? Verdict { get; set; }

    public const string Upheld = "upheld", Rejected = "rejected";
}

public sealed class CloseInput
{
    public DateOnly? ClosedOn { get; set; }
}

public sealed class DecisionInput
{
    public DateOnly? On { get; set; }
    public string? Text { get; set; }
}

public sealed class MeasureInput
{
    public MeasureType? Type { get; set; }
    public string? Content { get; set; }
    public string? ResponsibleUnit { get; set; }
    public string? ResponsiblePerson { get; set; }
    public DateOnly? StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public decimal? Amount { get; set; }
    public MeasureStatus Status { get; set; } = MeasureStatus.Planned;
    public string? Effect { get; set; }
}

public sealed class MeasureUpdateInput
{
    public long MeasureId { get; set; }
    public int MeasureVersion { get; set; }
    public MeasureStatus Status { get; set; }
    public DateOnly? EndOn { get; set; }
    public string? Effect { get; set; }
}

public sealed class AssessInput
{
    public DateOnly? AssessedOn { get; set; }
    public int? Months { get; set; } = 6;
    public decimal? NetIncome { get; set; }
    public string? Note { get; set; }
}

public sealed class ProposeInput
{
    public DateOnly? On { get; set; }
}

/// <summary>Turns the workflow's refusals into a message next to the form that was posted.</summary>
public static class Refusals
{
    public static async Task<bool> TryAsync(ModelStateDictionary state, string form, Func<Task> step)
    {
        try
        {
            await step();
            return true;
        }
        catch (Exception e) when (e is WorkflowRuleException or ConflictException or NotFoundException)
        {
            state.AddModelError(form, e.Message);
            // The page is shown again as it now stands, with the new version, and the form keeps what was typed.
            if (e is ConflictException) state.AddModelError(form, ConflictKept);
            return false;
        }
    }

    /// <summary>
    /// Every form that changes a case or an application posts the version it was built from (ADR 0018); one without it
    /// (an old page kept open across an update, a hand-made post) is refused rather than saved over whatever is there now.
    /// </summary>
    public static void RequireVersion(ModelStateDictionary state, string form, int? version)
    {
        if (version is null) state.AddModelError(form, "页面缺少版本信息，请刷新后重新操作");
    }

    public const string ConflictKept = "页面已更新为最新情况；您填写的内容未丢失，核对后可再次提交。";

    /// <summary>Risk codes from checkboxes: known codes only, in the national order, each once.</summary>
    public static List<string> Codes(IEnumerable<string>? posted)
    {
        var set = (posted ?? []).ToHashSet(StringComparer.Ordinal);
        return [.. RiskTypes.List.Select(r => r.Code).Where(set.Contains)];
    }
}
