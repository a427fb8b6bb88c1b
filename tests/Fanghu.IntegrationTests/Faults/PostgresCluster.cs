using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fanghu.IntegrationTests.Infrastructure;

namespace Fanghu.IntegrationTests.Faults;

/// <summary>
/// A throwaway PostgreSQL 15 cluster of the test's own, in a temporary folder on a free port, that the test may stop
/// and start. As root, initdb and pg_ctl run as the postgres account (initdb refuses root), as in .ci/run. Disposing
/// stops the server (immediate) and deletes the folder, whatever state the test left it in.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly bool AsRoot = Environment.UserName == "root";

    private readonly string _folder;
    private readonly int _port;

    private PostgresCluster(string folder, int port)
    {
        _folder = folder;
        _port = port;
    }

    private string Data => Path.Combine(_folder, "data");

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres";

    /// <summary>Why the test cannot run here, or null. It runs in CI's PostgreSQL pass only (which installs the binaries).</summary>
    public static string? Unavailable =>
        !TestDatabase.OnPostgres ? $"runs in the PostgreSQL pass only ({TestDatabase.PostgresVariable} set)"
        : !File.Exists(Path.Combine(Bin, "pg_ctl")) ? $"PostgreSQL 15 is not installed ({Bin}); .ci/run installs it"
        : null;

    public static async Task<PostgresCluster> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("fanghu-pg-").FullName;
        var cluster = new PostgresCluster(folder, FreePort());
        try
        {
            if (AsRoot) await RunAsync("chown", "postgres:postgres", folder);
            await cluster.PgAsync("initdb", "-D", cluster.Data, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8");
            await cluster.StartServerAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public Task StartServerAsync() => PgAsync("pg_ctl", "-D", Data, "-w", "-l", Path.Combine(_folder, "server.log"), "-o",
        $"-c listen_addresses=127.0.0.1 -p {_port} -k {_folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");

    /// <summary>Stops the server as an administrator would: open sessions are ended, connections refused until it starts.</summary>
    public Task StopServerAsync() => PgAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid"))) await PgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task PgAsync(string program, params string[] args) =>
        AsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, program), .. args]) : RunAsync(Path.Combine(Bin, program), args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
    }
}

/// <summary>A fact that needs a throwaway PostgreSQL cluster of its own (see <see cref="PostgresCluster.Unavailable"/>).</summary>
public sealed class PostgresClusterFactAttribute : FactAttribute
{
    public PostgresClusterFactAttribute()
    {
        if (PostgresCluster.Unavailable is { } reason) Skip = reason;
    }
}
