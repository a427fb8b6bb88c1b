using System.Globalization;
using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Monitoring;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>
/// What the monitoring journeys share: China's today (the app's business day), dates as a date input takes them
/// and as the Chinese pages show them, and the parts of the case page a user reads.
/// </summary>
/// <remarks>
/// The browser app runs on the real clock and every test class shares it and its database, so the journeys never
/// move time: they type business dates back from today, which the workflow accepts as long as each is not
/// before the stage began (a notice started a week ago has run its days).
/// </remarks>
public abstract class WorkflowJourney(BrowserApp app) : Journey(app)
{
    /// <summary>The two villages of the demo village account.</summary>
    protected static readonly string[] VillageAccountVillages = [Demo.DemoPrefecture.FirstVillageCode, Demo.DemoPrefecture.SecondVillageCode];

    protected static DateOnly Today => TimeProvider.System.Today();

    /// <summary>A date as a date input takes it.</summary>
    protected static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date as the Chinese pages show it (2022年1月31日).</summary>
    protected static string Chinese(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    /// <summary>The case page's 当前环节.</summary>
    protected static ILocator Stage(IPage page) => page.Locator("strong.stage");

    /// <summary>The form of the step the signed-in role owns on the case page (办理：…).</summary>
    protected static ILocator Step(IPage page) => page.Locator("section#step");

    protected static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>A link of the page's content (the menu has some of the same names).</summary>
    protected static ILocator Link(IPage page, string name) =>
        page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
