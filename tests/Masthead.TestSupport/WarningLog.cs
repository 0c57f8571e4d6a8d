using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Masthead.TestSupport;

/// <summary>
/// Every warning or error the app under test logs. A warning in a test run is either what the test provokes on purpose
/// (declared with <see cref="Expect"/>) or a problem an operator would see in production, so the app factory fails the
/// test on any other (<see cref="MastheadAppFactory"/> checks when it stops).
/// </summary>
public sealed class WarningLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly ConcurrentQueue<string> _expected = new();

    /// <summary>Where every failure's report is also written, in the test project's output folder.</summary>
    public const string ReportFile = "unexpected-warnings.log";

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>Allows warnings and errors whose category or message contains <paramref name="fragment"/> (ordinal, case-sensitive).</summary>
    public void Expect(string fragment) => _expected.Enqueue(fragment);

    public IReadOnlyList<LogEntry> Unexpected() =>
        [.. _entries.Where(entry => !_expected.Any(fragment =>
            entry.Category.Contains(fragment, StringComparison.Ordinal) || entry.Message.Contains(fragment, StringComparison.Ordinal)))];

    /// <summary>Fails with every unexpected entry, so the report says what was logged and by whom.</summary>
    public void AssertNoneUnexpected()
    {
        var unexpected = Unexpected();
        if (unexpected.Count == 0) return;
        var report = $"""
            The app logged {unexpected.Count} warning(s) or error(s) the test did not expect. Fix the cause, or, when the test
            provokes it on purpose, declare it with app.ExpectLog("a fragment of its category or message"):
            {string.Join(Environment.NewLine, unexpected)}
            """;
        // A class fixture's failure shows in dotnet test's output only as "[Test Class Cleanup Failure (Class)]", without
        // its message, so the message goes to a file beside the tests too (test.sh prints it and fails the run).
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, ReportFile), report + Environment.NewLine);
        Assert.Fail(report);
    }

    ILogger ILoggerProvider.CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    void IDisposable.Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
        }
    }
}

/// <summary>One warning or error the app logged.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception)
{
    public override string ToString() =>
        $"  {Level} {Category}: {Message}{(Exception is null ? "" : $" ({Exception.GetType().Name}: {Exception.Message})")}";
}
