using System.Globalization;
using Fanghu.Screening;
using Fanghu.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Screening;

/// <summary>A rule's definition in words, in the page's language: whom, which rows, what is compared, what it signals.</summary>
public sealed class RuleWords(IStringLocalizer<SharedResource> l, Display show)
{
    public string Describe(RuleDefinition d)
    {
        var separator = FanghuLocalization.IsEnglish ? "; " : "；";
        var parts = new List<string>
        {
            l[$"Screening.Population.{d.Population}"],
            l[$"Screening.Window.{d.Window}"],
        };
        if (d.AgeMin is not null || d.AgeMax is not null)
            parts.Add(l["Screening.Words.Age", d.AgeMin?.ToString(CultureInfo.InvariantCulture) ?? "0", d.AgeMax?.ToString(CultureInfo.InvariantCulture) ?? "—"]);
        if (d.MainLabourerOnly) parts.Add(l["Screening.Words.MainLabourer"]);
        foreach (var c in d.Conditions)
            parts.Add(l[c.Not ? "Screening.Words.ConditionNot" : "Screening.Words.Condition", c.Column, string.Join("/", c.Values)]);
        parts.Add(d.Kind switch
        {
            RuleKind.Threshold when d.Measure is { } m => l["Screening.Words.Sum", m, Amount(d.Threshold)],
            RuleKind.Threshold => l["Screening.Words.Count", Amount(d.Threshold)],
            RuleKind.Coverage => l["Screening.Words.Coverage"],
            _ => l["Screening.Words.Change"],
        });
        parts.Add(d.RiskType is { } risk ? l["Screening.Words.SignalRisk", d.Signal, $"{risk} {show.RiskName(risk)}"] : l["Screening.Words.Signal", d.Signal]);
        return string.Join(separator, parts);
    }

    private static string Amount(decimal n) => n.ToString("#,##0.##", CultureInfo.InvariantCulture);
}
