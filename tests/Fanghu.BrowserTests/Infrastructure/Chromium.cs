namespace Fanghu.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium, which Playwright drives here (it cannot download its own browser on this network).
/// A developer without it gets skipped browser tests and a message saying how to install it; CI sets
/// <see cref="RequiredVariable"/> so that a missing browser fails instead of skipping.
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";
    public const string PathVariable = "FANGHU_CHROMIUM";
    public const string RequiredVariable = "FANGHU_REQUIRE_BROWSER";

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static bool IsRequired => Environment.GetEnvironmentVariable(RequiredVariable) is "1" or "true";

    public static string MissingMessage =>
        $"Chromium not found at {ExecutablePath}: install it with `sudo apt-get install -y chromium` " +
        $"(or point {PathVariable} at a Chromium binary) to run the browser tests.";

    /// <summary>Headless, and without the background traffic Chromium attempts to hosts that don't exist here.</summary>
    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Timeout = 60_000,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            // The browser's own language (date pickers draw 2026/11/29, not 11/29/2026), as on a phone sold in China.
            "--lang=zh-CN",
        ],
    };
}

/// <summary>A browser test: skipped with <see cref="Chromium.MissingMessage"/> when Chromium is missing, unless CI requires it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled && !Chromium.IsRequired) Skip = Chromium.MissingMessage;
    }
}
