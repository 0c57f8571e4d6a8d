namespace Masthead.Web.Cli;

/// <summary>A command-line task: its words ("user create"), its --options, and the rest passed on as configuration.</summary>
public sealed record CliCommand(string Verb, IReadOnlyDictionary<string, string> Options, string[] ConfigurationArgs)
{
    private static readonly HashSet<string> Verbs = ["migrate", "demo", "user", "token", "settings", "content-key", "search", "bodies", "import", "export", "backup", "restore", "doctor", "help", "--help"];
    private static readonly HashSet<string> TwoWordVerbs = ["user", "token", "content-key", "search", "bodies", "import"];
    private static readonly HashSet<string> OwnOptions = ["email", "name", "role", "password", "feed-content", "id", "media", "dry-run", "sections", "source-url", "replace"];
    /// <summary>Options that are switches: present or not, without a value.</summary>
    private static readonly HashSet<string> Flags = ["dry-run", "replace"];

    /// <summary>Words after the verb, such as the file of <c>import wordpress FILE</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public static CliCommand? Parse(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0])) return null;
        var words = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal) || a == "--help").ToList();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var configuration = new List<string>();
        for (var i = words.Count; i < args.Length; i++)
        {
            var key = args[i].TrimStart('-');
            if (Flags.Contains(key)) { options[key] = "true"; continue; }
            var value = key.Contains('=') ? key[(key.IndexOf('=') + 1)..] : i + 1 < args.Length ? args[++i] : "";
            key = key.Contains('=') ? key[..key.IndexOf('=')] : key;
            if (OwnOptions.Contains(key)) options[key] = value;
            else configuration.AddRange([$"--{key}", value]);
        }
        var verbLength = TwoWordVerbs.Contains(words[0]) ? Math.Min(2, words.Count) : 1;
        return new CliCommand(string.Join(' ', words.Take(verbLength)), options, configuration.ToArray()) { Arguments = words.Skip(verbLength).ToList() };
    }

    public string? Option(string name) => Options.TryGetValue(name, out var value) ? value : null;
}
