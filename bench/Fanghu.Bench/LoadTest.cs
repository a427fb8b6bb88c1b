using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Fanghu.Demo;
using Fanghu.Registry;

namespace Fanghu.Bench;

/// <summary>
/// <c>load --url U --users N --seconds S [--think MS]</c>: simulated people against a running app with the demo
/// prefecture (README "Load"). Each user signs in with a demo account in its own cookie container, then repeats a
/// mix of registry searches, household and case pages, the dashboard and the board, home visits (village accounts:
/// the visit form, which records a lead), decisions (township and county accounts: 审核/审定 of a case waiting on them
/// in their worklist), and files public applications anonymously on /Apply, pausing about <c>--think</c> milliseconds between requests (0: as fast as it can). Every
/// request is timed until its body is read; any status other than 2xx/3xx, any exception, and a form that came
/// back with a refusal count as errors — except a decision refused because another officer acted on the case first
/// (two users of one account share a worklist), which is counted as a conflict, the answer a real officer would get.
/// Prints throughput and p50/p95/p99 per kind.
/// </summary>
public static partial class LoadTest
{
    public sealed record Options(Uri Url, int Users, int Seconds, int ThinkMs);

    /// <summary>The accounts that see households and cases; a user is bound to one, and to the links that account saw.</summary>
    private static readonly string[] Accounts = ["village", "township", "county", "prefecture"];

    private static readonly string[] SearchTerms = ["扎西", "卓玛", "次仁", "和", "李", "杨", "王", "拉姆", "01", "12", "3"];

    /// <summary>Weights of the staff requests (an application filing is a GET of the form and its POST).</summary>
    private static readonly (string Kind, int Weight)[] Mix =
    [
        ("search", 24), ("household", 21), ("case", 13), ("dashboard", 8), ("board", 8), ("apply", 12), ("visit", 8), ("decide", 6),
    ];

    public static async Task<int> RunAsync(Options o)
    {
        Console.WriteLine($"load: {o.Users} users for {o.Seconds} s against {o.Url} (think ≈ {o.ThinkMs} ms)");
        var links = Accounts.ToDictionary(a => a, _ => new Links());
        var stats = new Stats();
        using var stop = new CancellationTokenSource();

        // Users start over the first few seconds, as people do; the measured window starts with the first.
        var clock = Stopwatch.StartNew();
        var users = Enumerable.Range(0, o.Users).Select(i => Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(i * Math.Min(5000.0 / o.Users, 50)));
            var account = Accounts[i % Accounts.Length];
            await new User(o, i, account, links[account], stats).RunAsync(stop.Token);
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(o.Seconds));
        await stop.CancelAsync();
        await Task.WhenAll(users);
        var elapsed = clock.Elapsed.TotalSeconds;

        stats.Print(elapsed);
        return stats.Errors == 0 ? 0 : 1;
    }

    private sealed class User(Options o, int number, string account, Links links, Stats stats)
    {
        private readonly Random _random = new(number);
        private long _applications;

        public async Task RunAsync(CancellationToken stop)
        {
            using var staff = Client(o.Url);
            using var anonymous = Client(o.Url);
            while (!stop.IsCancellationRequested && !await SignInAsync(staff, stop))
                await ThinkAsync(stop);
            while (!stop.IsCancellationRequested)
            {
                await ThinkAsync(stop);
                if (stop.IsCancellationRequested) break;
                switch (Pick())
                {
                    case "search":
                        var q = SearchTerms[_random.Next(SearchTerms.Length)];
                        if (await GetAsync(staff, "search", $"/Registry/Households?q={Uri.EscapeDataString(q)}", stop) is { } found)
                            links.Households.Add(HouseholdLink().Matches(found));
                        break;
                    case "household" when links.Households.Pick(_random) is { } id:
                        if (await GetAsync(staff, "household", $"/Registry/Household/{id}", stop) is { } household)
                            links.Cases.Add(CaseLink().Matches(household));
                        break;
                    case "case" when links.Cases.Pick(_random) is { } id:
                        await GetAsync(staff, "case", $"/Monitoring/Case/{id}", stop);
                        break;
                    case "dashboard":
                        await GetAsync(staff, "dashboard", "/Reports/Dashboard", stop);
                        break;
                    case "board":
                        if (await GetAsync(staff, "board", "/Monitoring/Board", stop) is { } board)
                            links.Cases.Add(CaseLink().Matches(board));
                        break;
                    case "apply":
                        await ApplyAsync(anonymous, stop);
                        break;
                    case "visit" when account == "village" && links.Households.Pick(_random) is { } id:
                        await VisitAsync(staff, id, stop);
                        break;
                    case "visit":
                        goto default;
                    case "decide" when account is "township" or "county":
                        await DecideAsync(staff, stop);
                        break;
                    case "decide":
                        goto case "board";
                    default:
                        // A household or case before any was seen: search first, as a person would.
                        goto case "search";
                }
            }
        }

        private string Pick()
        {
            var n = _random.Next(Mix.Sum(m => m.Weight));
            foreach (var (kind, weight) in Mix)
                if ((n -= weight) < 0) return kind;
            return Mix[^1].Kind;
        }

        private Task ThinkAsync(CancellationToken stop) =>
            o.ThinkMs <= 0 ? Task.CompletedTask : Task.Delay(_random.Next(o.ThinkMs / 2, o.ThinkMs * 3 / 2 + 1), stop).ContinueWith(_ => { }, TaskScheduler.Default);

        private async Task<bool> SignInAsync(HttpClient client, CancellationToken stop)
        {
            if (await GetAsync(client, "sign-in", "/Account/Login", stop) is not { } form || Token(form) is not { } token) return false;
            var posted = await PostAsync(client, "sign-in", "/Account/Login", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = account,
                ["Input.Password"] = DemoAccounts.Password,
            }, expectRedirect: true, stop);
            return posted;
        }

        /// <summary>A resident files: the form of the demo's first township (a list of its villages), then the POST.</summary>
        private async Task ApplyAsync(HttpClient client, CancellationToken stop)
        {
            if (await GetAsync(client, "apply-form", $"/Apply?place={DemoPrefecture.FirstTownshipCode}", stop) is not { } form) return;
            var villages = VillageOption().Matches(form).Select(m => m.Groups[1].Value).ToList();
            if (Token(form) is not { } token || villages.Count == 0)
            {
                stats.Error("apply-form", "the form has no antiforgery token or no village");
                return;
            }
            // A new phone per filing (the use case allows three a day per phone) and a valid ID number.
            var serial = Interlocked.Increment(ref _applications);
            var phone = $"19{number % 1000:D3}{serial % 1_000_000:D6}";
            // The form refuses an ID number ending in 000 (what Excel leaves of a number it truncated): draw another.
            string first17;
            do first17 = $"533401{1950 + _random.Next(60)}{_random.Next(1, 13):D2}{_random.Next(1, 29):D2}{_random.Next(1000):D3}";
            while ((first17 + IdNumber.ComputeCheckCharacter(first17)).EndsWith("000", StringComparison.Ordinal));
            await PostAsync(client, "apply-post", "/Apply", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["place"] = DemoPrefecture.FirstTownshipCode,
                ["Input.Area"] = "Medical",
                ["Input.Content"] = "家里老人住院，自付部分负担不起，希望了解医疗救助。（压力测试）",
                ["Input.ApplicantName"] = "压测用户" + number,
                ["Input.IdNumber"] = first17 + IdNumber.ComputeCheckCharacter(first17),
                ["Input.Phone"] = phone,
                ["Input.VillageCode"] = villages[_random.Next(villages.Count)],
                ["Input.OnBehalf"] = "false",
            }, expectRedirect: true, stop);
        }

        /// <summary>A cadre's home visit (走访) of a household the account has seen: the form, then the POST.</summary>
        private async Task VisitAsync(HttpClient client, long household, CancellationToken stop)
        {
            if (await GetAsync(client, "visit-form", $"/Monitoring/Visit?household={household}", stop) is not { } form) return;
            if (Token(form) is not { } token)
            {
                stats.Error("visit-form", "the form has no antiforgery token");
                return;
            }
            await PostAsync(client, "visit-post", "/Monitoring/Visit", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Visit.HouseholdId"] = household.ToString(CultureInfo.InvariantCulture),
                ["Visit.Channel"] = "CadreVisit",
                ["Visit.ReportedOn"] = ChinaToday(),
                ["Visit.Reporter"] = "压测走访员" + number,
                ["Visit.Summary"] = "入户走访：家中老人慢性病复发，务工收入减少。（压力测试）",
            }, expectRedirect: true, stop);
        }

        /// <summary>
        /// A township's 审核 or a county's 审定: the worklist, a case waiting on the account, its page, then the approval with
        /// the case's version as the page showed it. Another user of the same account may have decided it meanwhile.
        /// </summary>
        private async Task DecideAsync(HttpClient client, CancellationToken stop)
        {
            if (await GetAsync(client, "worklist", "/Monitoring", stop) is not { } worklist) return;
            var cases = CaseLink().Matches(worklist).Select(m => m.Groups[1].Value).Distinct().ToList();
            if (cases.Count == 0) return;
            var id = cases[_random.Next(cases.Count)];
            if (await GetAsync(client, "case", $"/Monitoring/Case/{id}", stop) is not { } page) return;
            if (!page.Contains("handler=Approve", StringComparison.Ordinal) || Token(page) is not { } token
                || CaseVersion().Match(page) is not { Success: true } version) return;
            var (ok, body) = await SendAsync(client, "decide", new HttpRequestMessage(HttpMethod.Post, $"/Monitoring/Case/{id}?handler=Approve")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["Version"] = version.Groups[1].Value,
                    ["Decision.On"] = ChinaToday(),
                    ["Decision.Text"] = "经审核，情况属实，同意。（压力测试）",
                }),
            }, expectRedirect: false, stop);
            if (!ok || body is null) return;
            // A redirect is the decision taken; the page again with a message is a refusal — a conflict when another
            // officer got there first, anything else an error.
            if (FieldError().Match(body) is { Success: true } refusal)
            {
                var message = WebUtility.HtmlDecode(refusal.Groups[1].Value.Trim());
                if (message.Contains("已被", StringComparison.Ordinal) || message.Contains("刷新", StringComparison.Ordinal)) stats.Conflict("decide");
                else stats.Error("decide", "refused: " + message);
            }
        }

        private static string ChinaToday() =>
            DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private async Task<string?> GetAsync(HttpClient client, string kind, string path, CancellationToken stop)
        {
            var (ok, body) = await SendAsync(client, kind, new HttpRequestMessage(HttpMethod.Get, path), expectRedirect: false, stop);
            return ok ? body : null;
        }

        private async Task<bool> PostAsync(HttpClient client, string kind, string path, Dictionary<string, string> fields, bool expectRedirect, CancellationToken stop)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
            return (await SendAsync(client, kind, request, expectRedirect, stop)).Ok;
        }

        /// <summary>
        /// Timed until the body is read. A run's end cancels requests in flight: those are neither timed nor errors.
        /// A POST that should redirect and answers 200 came back with the form and a refusal: an error.
        /// </summary>
        private async Task<(bool Ok, string? Body)> SendAsync(HttpClient client, string kind, HttpRequestMessage request, bool expectRedirect, CancellationToken stop)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using (request)
                using (var response = await client.SendAsync(request, stop))
                {
                    var body = await response.Content.ReadAsStringAsync(stop);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var status = (int)response.StatusCode;
                    if (status >= 400 || status < 200)
                        return Failed(kind, ms, $"{status} {request.Method} {request.RequestUri}");
                    if (expectRedirect && status != 302 && status != 303)
                        return Failed(kind, ms, $"{status} instead of a redirect: {Refusal(body)}");
                    stats.Record(kind, ms);
                    return (true, body);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return (false, null);
            }
            catch (Exception e)
            {
                return Failed(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"{e.GetType().Name}: {e.Message}");
            }
        }

        private (bool, string?) Failed(string kind, double ms, string what)
        {
            stats.Record(kind, ms);
            stats.Error(kind, what);
            return (false, null);
        }

        private static HttpClient Client(Uri url) => new(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            MaxConnectionsPerServer = 2,
        })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    private static string? Token(string html) => AntiforgeryToken().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    private static string Refusal(string html) =>
        FieldError().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value.Trim()) : "(no message found)";

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*?value="([^"]+)""")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("""href="/Registry/Household/(\d+)""")]
    private static partial Regex HouseholdLink();

    [GeneratedRegex("""href="/Monitoring/Case/(\d+)""")]
    private static partial Regex CaseLink();

    [GeneratedRegex("""name="Version" value="(\d+)""")]
    private static partial Regex CaseVersion();

    [GeneratedRegex("""<option value="(\d{12})">""")]
    private static partial Regex VillageOption();

    [GeneratedRegex("""class="field-error"[^>]*>([^<]+)<""")]
    private static partial Regex FieldError();

    /// <summary>Ids an account has seen in its pages (at most a few thousand), shared by the users signed in with it.</summary>
    private sealed class Links
    {
        public Ids Households { get; } = new();
        public Ids Cases { get; } = new();
    }

    private sealed class Ids
    {
        private readonly Lock _lock = new();
        private readonly List<long> _ids = [];
        private readonly HashSet<long> _seen = [];

        public void Add(MatchCollection matches)
        {
            lock (_lock)
                foreach (Match m in matches)
                    if (_ids.Count < 5000 && _seen.Add(long.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture)))
                        _ids.Add(long.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
        }

        public long? Pick(Random random)
        {
            lock (_lock)
                return _ids.Count == 0 ? null : _ids[random.Next(_ids.Count)];
        }
    }

    private sealed class Stats
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, List<double>> _times = [];
        private readonly Dictionary<string, int> _errors = [];
        private readonly Dictionary<string, int> _reasons = [];
        private readonly Dictionary<string, int> _conflicts = [];

        public int Errors
        {
            get
            {
                lock (_lock) return _errors.Values.Sum();
            }
        }

        public void Record(string kind, double ms)
        {
            lock (_lock)
            {
                if (!_times.TryGetValue(kind, out var list)) _times[kind] = list = [];
                list.Add(ms);
            }
        }

        public void Conflict(string kind)
        {
            lock (_lock) _conflicts[kind] = _conflicts.GetValueOrDefault(kind) + 1;
        }

        public void Error(string kind, string what)
        {
            lock (_lock)
            {
                _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
                var reason = $"{kind}: {what}";
                _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
            }
        }

        public void Print(double seconds)
        {
            lock (_lock)
            {
                Console.WriteLine($"{"kind",-11} {"requests",9} {"req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7}");
                var all = new List<double>();
                foreach (var (kind, times) in _times.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    all.AddRange(times);
                    Line(kind, times, _errors.GetValueOrDefault(kind));
                }
                Line("all", all, _errors.Values.Sum());
                foreach (var (kind, count) in _conflicts)
                    Console.WriteLine($"  {count,6} × {kind}: another officer had acted on the case first (conflict message shown)");
                foreach (var (reason, count) in _reasons.OrderByDescending(r => r.Value).Take(20))
                    Console.WriteLine($"  {count,6} × {reason}");
            }

            void Line(string kind, List<double> times, int errors)
            {
                times.Sort();
                Console.WriteLine($"{kind,-11} {times.Count,9:N0} {times.Count / seconds,8:F1} {Percentile(times, 50),8:F0} {Percentile(times, 95),8:F0} " +
                                  $"{Percentile(times, 99),8:F0} {(times.Count == 0 ? 0 : times[^1]),8:F0} {errors,7:N0}");
            }
        }

        /// <summary>Nearest rank on sorted times.</summary>
        private static double Percentile(List<double> sorted, int p) =>
            sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
