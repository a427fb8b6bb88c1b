using System.Text.Json;
using Fanghu.Monitoring;

namespace Fanghu.Web.Pages.Monitoring;

/// <summary>A proposed (or decided) risk elimination as its reviewers see it: how, when, and the criteria then.</summary>
public sealed record EliminationProposal(EliminationMethod? Method, DateOnly? ProposedOn, DateOnly? EliminatedOn, EliminationCheck? Snapshot);

/// <summary>
/// Reads the elimination check stored with a proposal (<see cref="GetCase.Result.EliminationSnapshot"/>), so those who
/// review and approve the elimination see the criteria as they stood. A snapshot that is missing, not JSON or not a
/// check (an empty object, no criteria) is shown as nothing rather than as a page error.
/// </summary>
public static class EliminationSnapshots
{
    /// <summary>The stages at which a proposed or decided elimination has a snapshot to show.</summary>
    public static bool Shows(CaseStage stage) => stage is CaseStage.EliminationVillageReview or CaseStage.EliminationNotice
        or CaseStage.EliminationTownshipReview or CaseStage.EliminationCountyApproval or CaseStage.Eliminated;

    /// <summary>The proposal of a case at an elimination stage or eliminated; null at any other stage.</summary>
    public static EliminationProposal? Of(GetCase.Result c) => Shows(c.Stage)
        ? new(c.EliminationMethod, c.EliminationProposedOn, c.EliminatedOn, Read(c.EliminationSnapshot))
        : null;

    public static EliminationCheck? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        EliminationCheck? check;
        try
        {
            check = JsonSerializer.Deserialize<EliminationCheck>(json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            return null;
        }
        if (check is not { Criteria: { Count: > 0 } criteria } || !Enum.IsDefined(check.Method)) return null;
        var named = criteria.Where(c => c is { Name.Length: > 0 }).Select(c => c with { Data = c.Data ?? "" }).ToList();
        return named.Count == 0 ? null : check with { Criteria = named };
    }
}
