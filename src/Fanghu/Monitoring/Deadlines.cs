namespace Fanghu.Monitoring;

/// <summary>
/// Adds time limits to dates, in calendar days or in working days (Hainan counts 20 working days). Working days
/// skip Saturdays and Sundays only: public holidays are not in the policy data yet.
/// </summary>
public static class Deadlines
{
    public static DateOnly Add(DateOnly from, int days, bool workingDays)
    {
        if (!workingDays) return from.AddDays(days);
        var d = from;
        for (var left = days; left > 0;)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) left--;
        }
        return d;
    }

    /// <summary>Whole days a due date has passed on <paramref name="today"/> (0 when not late).</summary>
    public static int DaysLate(DateOnly due, DateOnly today) => Math.Max(0, today.DayNumber - due.DayNumber);
}

/// <summary>Business dates are Chinese dates, whatever the server's time zone.</summary>
public static class ChinaTime
{
    private static readonly TimeZoneInfo Zone = Find();

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);

    /// <summary>A recorded moment as a Chinese wall-clock time.</summary>
    public static DateTime ToChinaTime(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone).DateTime;

    private static TimeZoneInfo Find()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "China Standard Time", "CST"); }
    }
}
