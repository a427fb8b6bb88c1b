using System.Diagnostics;

namespace Fanghu.IntegrationTests.Infrastructure;

/// <summary>Runs the real fanghu command as a process against a test database.</summary>
public static class CliProcess
{
    public static Task<(int Exit, string Out, string Err)> RunAsync(TestDatabase database, params string[] args) =>
        RunAsync(database.Settings.ConnectionString, new Dictionary<string, string>(), args);

    /// <summary>With these environment variables set (FANGHU_PASSWORD for <c>fanghu users add</c>).</summary>
    public static Task<(int Exit, string Out, string Err)> RunAsync(TestDatabase database,
        IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(database.Settings.ConnectionString, environment, args);

    /// <summary>Against any database given as the CLI's --db (a file or a connection string).</summary>
    public static Task<(int Exit, string Out, string Err)> RunAsync(string db, params string[] args) =>
        RunAsync(db, new Dictionary<string, string>(), args);

    /// <summary>
    /// Starts the command and returns at once, its output redirected for the caller to read (the fault tests kill it
    /// part-way through).
    /// </summary>
    public static Process Start(TestDatabase database, params string[] args) =>
        Process.Start(StartInfo(database.Settings.ConnectionString, new Dictionary<string, string>(), args))!;

    private static ProcessStartInfo StartInfo(string db, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Fanghu.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--db");
        start.ArgumentList.Add(db);
        return start;
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(string db, IReadOnlyDictionary<string, string> environment,
        string[] args)
    {
        using var process = Process.Start(StartInfo(db, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }
}
