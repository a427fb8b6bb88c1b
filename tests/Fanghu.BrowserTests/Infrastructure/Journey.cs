using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Fanghu.Demo;

namespace Fanghu.BrowserTests.Infrastructure;

/// <summary>The screens the journeys use: a phone in the field and a desk in the office.</summary>
public enum Screen
{
    /// <summary>390×844, touch, the phone a village cadre carries.</summary>
    Phone,
    /// <summary>1280×800, the county officer's desk.</summary>
    Desk,
}

/// <summary>
/// Base of the browser tests: pages on fresh browser contexts (their own cookies), signing in as a demo account,
/// and a screenshot of every open page when a journey fails (under TestResults/browser-failures).
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract partial class Journey(BrowserApp app) : IAsyncLifetime
{
    /// <summary>Generous for a 2-core machine running the server and the browser side by side.</summary>
    private const float Timeout = 20_000;

    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserApp App { get; } = app;

    protected static string Password => DemoAccounts.Password;

    /// <summary>A page in a new context: no cookies, Simplified Chinese, China time.</summary>
    protected async Task<IPage> NewPageAsync(Screen screen = Screen.Desk, string locale = "zh-CN")
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
        };
        if (screen == Screen.Phone)
        {
            options.ViewportSize = new ViewportSize { Width = 390, Height = 844 };
            options.IsMobile = true;
            options.HasTouch = true;
            options.DeviceScaleFactor = 2;
        }
        else
        {
            options.ViewportSize = new ViewportSize { Width = 1280, Height = 800 };
        }
        var context = await App.Browser.NewContextAsync(options);
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login form as a demo account and waits for the home page.</summary>
    protected static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    /// <summary>A new phone or desk page already signed in.</summary>
    protected async Task<IPage> SignedInPageAsync(string userName, Screen screen = Screen.Desk)
    {
        var page = await NewPageAsync(screen);
        await SignInAsync(page, userName);
        return page;
    }

    /// <summary>Runs a journey; when it fails, every open page is saved as a screenshot before the failure is reported.</summary>
    protected async Task Walk(Func<Task> journey, [CallerMemberName] string name = "")
    {
        try
        {
            await journey();
        }
        catch
        {
            await SaveFailureScreenshotsAsync(name);
            throw;
        }
    }

    /// <summary>
    /// Saves the page for the README when FANGHU_SCREENSHOTS names a folder (docs/screenshots to refresh the
    /// committed ones); otherwise does nothing, so test runs leave the working tree alone.
    /// </summary>
    protected static async Task ShowcaseAsync(IPage page, string fileName)
    {
        var folder = Environment.GetEnvironmentVariable("FANGHU_SCREENSHOTS");
        if (string.IsNullOrWhiteSpace(folder)) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, fileName + ".png"), FullPage = false });
    }

    private async Task SaveFailureScreenshotsAsync(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "TestResults", "browser-failures");
        Directory.CreateDirectory(folder);
        var i = 0;
        foreach (var page in _contexts.SelectMany(c => c.Pages).Where(p => !p.IsClosed))
        {
            var file = Path.Combine(folder, $"{GetType().Name}.{name}.{++i}.png");
            try
            {
                await page.ScreenshotAsync(new() { Path = file, FullPage = true, Timeout = 10_000 });
                Console.Error.WriteLine($"browser test {name} failed on {page.Url}: screenshot {file}");
            }
            catch (PlaywrightException e)
            {
                Console.Error.WriteLine($"browser test {name}: no screenshot of {page.Url} ({e.Message})");
            }
        }
    }

    /// <summary>The checkout (the folder with Fanghu.slnx), or the test output folder outside one.</summary>
    protected static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fanghu.slnx"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
    }

    protected static Regex UrlPath(string path) => new("^[^?#]*" + Regex.Escape(path) + "(\\?.*)?$");
}
