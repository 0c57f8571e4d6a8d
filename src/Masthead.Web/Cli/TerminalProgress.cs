using System.Diagnostics;
using Masthead.Core.Import;

namespace Masthead.Web.Cli;

/// <summary>
/// An import's progress on standard error: a bar redrawn in place (items done, rate, time left) on a terminal,
/// or a plain line every ten per cent when the output goes to a file or a pipe.
/// </summary>
public sealed class TerminalProgress(TextWriter output, bool interactive) : IProgress<ImportProgress>
{
    private const int Width = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private string _phase = "";
    private TimeSpan _phaseStart;
    private int _lastTenth = -1;

    public static TerminalProgress ForConsole() => new(Console.Error, !Console.IsErrorRedirected);

    public void Report(ImportProgress value)
    {
        if (value.Phase != _phase)
        {
            if (interactive && _phase.Length > 0) output.WriteLine();
            _phase = value.Phase;
            _phaseStart = _clock.Elapsed;
            _lastTenth = -1;
            if (value.Phase == "done") return;
            if (value.Total == 0) { output.WriteLine($"{value.Phase}…"); return; }
        }
        if (value.Phase == "done" || value.Total == 0) return;
        var elapsed = (_clock.Elapsed - _phaseStart).TotalSeconds;
        var rate = elapsed > 0 ? value.Done / elapsed : 0;
        var left = rate > 0 ? TimeSpan.FromSeconds((value.Total - value.Done) / rate) : (TimeSpan?)null;
        var line = $"{value.Phase,-8} {value.Done,7:N0}/{value.Total:N0}  {rate,7:N1}/s  {(left is { } l ? $"{(int)l.TotalMinutes}:{l.Seconds:00} left" : "")}";
        if (interactive)
        {
            // Redrawn at most ten times a second, and always at the end.
            if (_sinceDraw.ElapsedMilliseconds < 100 && value.Done < value.Total) return;
            _sinceDraw.Restart();
            var filled = value.Total == 0 ? 0 : (int)Math.Round(Width * (double)value.Done / value.Total);
            output.Write($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {line}   ");
            output.Flush();
            return;
        }
        var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
        if (tenth == _lastTenth) return;
        _lastTenth = tenth;
        output.WriteLine(line.TrimEnd());
    }
}
