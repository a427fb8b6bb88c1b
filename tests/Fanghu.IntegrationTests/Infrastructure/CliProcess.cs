using System.Diagnostics;

namespace Fanghu.IntegrationTests.Infrastructure;

/// <summary>Runs the real fanghu command as a process against a test database.</summary>
public static class CliProcess
{
    public static Task<(int Exit, string Out, string Err)> RunAsync(TestDatabase database, params string[] args) =>
        RunAsync(database.Settings.ConnectionString, args);

    /// <summary>Against any database given as the CLI's --db (a file or a connection string).</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string db, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Fanghu.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--db");
        start.ArgumentList.Add(db);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }
}
