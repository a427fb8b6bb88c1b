using System.Net;
using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.BrowserTests.Infrastructure;

/// <summary>
/// The real web app on 127.0.0.1 (Kestrel, a free port) over a fresh SQLite file holding the demo prefecture
/// and the demo accounts of the README, and one headless Chromium for all browser tests. The demo is what a
/// new user sees on first start, so the journeys walk the product as they would.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Fanghu.Web.WebHost>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fanghu-browser-tests", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp() => Settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "fanghu.db")};Pooling=False");

    public DatabaseSettings Settings { get; }

    /// <summary>Where the site answers, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Chromium.MissingMessage);

    /// <summary>Reads and writes the app's database directly, to find what a journey needs and check what it did.</summary>
    public FanghuDbContext Database() => DataServices.CreateContext(Settings, DataScope.All);

    public async Task InitializeAsync()
    {
        // Skipped tests still build their collection's fixture: stay cheap when there is no browser to drive.
        if (!Chromium.IsInstalled && !Chromium.IsRequired) return;
        if (!Chromium.IsInstalled) throw new InvalidOperationException(Chromium.MissingMessage);

        Directory.CreateDirectory(_folder);
        await using (var db = Database())
        {
            await DatabaseMigrator.MigrateAsync(db);
            await DemoPrefecture.LoadAsync(db);
        }

        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single().TrimEnd('/');
        using (var scope = Services.CreateScope())
            await DemoAccounts.EnsureAsync(scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>());

        // Warm the server (Razor compilation, EF model) before the browser's first, timed page.
        using (var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(1) })
            (await http.GetAsync("/Account/Login")).EnsureSuccessStatusCode();

        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Settings.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Fanghu", Settings.ConnectionString);
        builder.UseSetting("Imports:Folder", Path.Combine(_folder, "imports"));
        // Every journey signs in from 127.0.0.1; the sign-in limit is tested in the integration tests.
        builder.UseSetting("Accounts:LoginsPerAddress", "100000");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
