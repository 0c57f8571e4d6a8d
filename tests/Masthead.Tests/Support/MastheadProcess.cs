using System.Diagnostics;
using System.Text;

namespace Masthead.Tests.Support;

/// <summary>
/// The built app (Masthead.dll beside the tests) run as a process of its own, as an operator runs a node, so a test can
/// kill it outright; everything it writes to standard output and error is kept, for the test to read and report.
/// </summary>
public static class MastheadProcess
{
    public static (Process Process, StringBuilder Output) Start(string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Masthead.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var text = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, text);
    }
}
