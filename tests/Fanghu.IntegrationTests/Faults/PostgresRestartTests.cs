using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Fanghu.IntegrationTests.Web;
using Xunit.Abstractions;

namespace Fanghu.IntegrationTests.Faults;

/// <summary>
/// The web app on a PostgreSQL cluster of the test's own, with clients asking for a page, the API and /healthz all
/// along, while the cluster is stopped and started again. While it is down every answer says “unavailable” — a Chinese
/// 503 page, a 503 ProblemDetails, an unhealthy /healthz — never a 500; once it is back the same app instance answers
/// normally again by itself. Runs in CI's PostgreSQL pass only (once), with its cluster removed even when it fails.
/// </summary>
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    private const string Unavailable = "数据库暂时不可用";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>An answer, with the phase the test was in when it was asked for, and whether the phase was the same at the answer.</summary>
    private sealed record Answer(string Kind, string Phase, int Status, string? MediaType, string Body, bool Within = true);

    private readonly ConcurrentQueue<Answer> _answers = new();
    private volatile string _phase = "up";

    [PostgresClusterFact]
    public async Task The_app_answers_unavailable_while_PostgreSQL_is_stopped_and_recovers_by_itself_once_it_is_back()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var app = new FanghuWebApp(cluster.ConnectionString);
        using var stop = new CancellationTokenSource();
        var load = new List<Task>();
        try
        {
            await ((IAsyncLifetime)app).InitializeAsync();
            var officer = await app.SignedInAsync("township1");
            var anonymous = app.Client();
            load.Add(LoadAsync(officer, "page", "/Registry/Households", stop.Token));
            load.Add(LoadAsync(officer, "api", "/api/v1/households", stop.Token));
            load.Add(LoadAsync(anonymous, "health", "/healthz", stop.Token));
            await UntilAsync("up", 200);

            _phase = "down";
            await cluster.StopServerAsync();
            await UntilAsync("down", 503);

            _phase = "back";
            await cluster.StartServerAsync();
            await UntilAsync("back", 200);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
            try { await ((IAsyncLifetime)app).DisposeAsync(); }
            catch (Npgsql.NpgsqlException) { } // the cluster is down: it goes as a whole below
        }

        foreach (var group in _answers.GroupBy(a => (a.Phase, a.Kind, a.Status)))
            output.WriteLine($"{group.Key.Phase} {group.Key.Kind} {group.Key.Status}: {group.Count()}");
        // Before the stop everything worked (a request that was still running when the server stopped may say unavailable).
        Assert.All(_answers.Where(a => a.Phase == "up" && a.Within), a => Assert.Equal(200, a.Status));
        Assert.All(_answers, a => Assert.True(a.Status is 200 or 503, $"{a.Phase} {a.Kind}: {a.Status} {a.Body[..Math.Min(a.Body.Length, 500)]}"));
        foreach (var a in _answers.Where(a => a.Status == 503))
        {
            Assert.DoesNotContain("Exception", a.Body, StringComparison.Ordinal);
            switch (a.Kind)
            {
                case "page":
                    Assert.Equal("text/html", a.MediaType);
                    Assert.Contains(Unavailable, a.Body);
                    break;
                case "api":
                    Assert.Equal("application/problem+json", a.MediaType);
                    Assert.Contains(Unavailable, a.Body);
                    break;
                default:
                    Assert.Equal("Unhealthy", a.Body);
                    break;
            }
        }
    }

    /// <summary>Asks again and again, noting every answer with the phase the test was in when it asked.</summary>
    private async Task LoadAsync(HttpClient client, string kind, string path, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var phase = _phase;
            try
            {
                using var response = await client.GetAsync(path, stop);
                var body = await response.Content.ReadAsStringAsync(stop);
                _answers.Enqueue(new(kind, phase, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, phase == _phase));
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The app let an exception out (the test host hands it to the client): a failure, noted as status 0.
                _answers.Enqueue(new(kind, phase, 0, null, e.ToString()));
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    /// <summary>Waits until each kind of request has been answered with the status three times in a row in the phase.</summary>
    private async Task UntilAsync(string phase, int status)
    {
        var waited = Stopwatch.StartNew();
        string[] kinds = ["page", "api", "health"];
        while (!kinds.All(k => _answers.Where(a => a.Phase == phase && a.Within && a.Kind == k).TakeLast(3) is var last
            && last.Count() == 3 && last.All(a => a.Status == status)))
        {
            if (waited.Elapsed > Deadline)
                Assert.Fail($"{phase}: not every kind of request answered {status} within {Deadline.TotalSeconds} s; "
                    + string.Join("; ", _answers.Where(a => a.Phase == phase).GroupBy(a => (a.Kind, a.Status)).Select(g => $"{g.Key}: {g.Count()}")));
            await Task.Delay(50);
        }
        output.WriteLine($"{phase}: every kind answered {(HttpStatusCode)status} after {waited.Elapsed.TotalSeconds:F1} s");
    }
}
