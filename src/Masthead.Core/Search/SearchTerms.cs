using System.Text;
using System.Text.RegularExpressions;

namespace Masthead.Core.Search;

/// <summary>
/// What a reader typed, reduced to words the index can look for. Nothing typed is ever passed to the
/// database's query language: operators, quotes and brackets are read here and rebuilt as safe expressions.
/// "quoted words" make a phrase, a leading minus leaves a word out, and single words of three or more
/// letters may also find longer words that start with them ("thermolum" finds "thermoluminescence"; see
/// <see cref="SqlSearchIndex.PrefixesBelow"/> for when).
/// </summary>
public sealed partial record SearchTerms(IReadOnlyList<SearchTerm> Include, IReadOnlyList<SearchTerm> Exclude, IReadOnlyList<string> Notices)
{
    public const int MaxLength = 200;
    public const int MaxWords = 12;
    public const int MinPrefixLength = 3;

    public bool IsEmpty => Include.Count == 0;

    public bool HasPrefixes => Include.Any(t => t.Prefix);

    /// <summary>The same search with every word matched only as a whole word.</summary>
    public SearchTerms WholeWords() => this with { Include = [.. Include.Select(t => t with { Prefix = false })] };

    public static SearchTerms Parse(string? text)
    {
        var notices = new List<string>();
        var input = (text ?? "").Trim();
        if (input.Length > MaxLength)
        {
            var cut = MaxLength;
            if (char.IsHighSurrogate(input[cut - 1])) cut--; // never split a character in two
            input = input[..cut];
            notices.Add($"Only the first {MaxLength} characters of your search were used.");
        }

        var include = new List<SearchTerm>();
        var exclude = new List<SearchTerm>();
        var words = 0;
        var dropped = false;
        var excludeNextPhrase = false;
        foreach (var (chunk, quoted) in Chunks(input))
        {
            if (quoted)
            {
                Add(excludeNextPhrase ? exclude : include, Words(chunk), prefix: false);
                excludeNextPhrase = false;
                continue;
            }
            // -"two words" leaves the phrase out.
            excludeNextPhrase = chunk.EndsWith('-') && (chunk.Length == 1 || char.IsWhiteSpace(chunk[^2]));
            foreach (var token in Separators().Replace(chunk, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var excluded = token.Length > 1 && token[0] == '-';
                Add(excluded ? exclude : include, Words(token), prefix: !excluded);
            }
        }
        if (dropped) notices.Add($"Only the first {MaxWords} words of your search were used.");
        if (include.Count == 0 && input.Length > 0)
            notices.Add(exclude.Count > 0
                ? "A minus sign only leaves words out: add a word to look for."
                : "There were no words to look for in your search: use letters or numbers.");
        return new SearchTerms(include, exclude, notices);

        void Add(List<SearchTerm> list, List<string> found, bool prefix)
        {
            if (found.Count == 0) return;
            if (words + found.Count > MaxWords) { dropped = true; return; }
            words += found.Count;
            list.Add(new SearchTerm(found, prefix && found.Count == 1 && found[0].Length >= MinPrefixLength));
        }
    }

    // Splits on double quotes (straight or curly); an unclosed quote runs to the end.
    private static IEnumerable<(string Text, bool Quoted)> Chunks(string input)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in input)
        {
            if (c is '"' or '\u201C' or '\u201D' or '\u201E')
            {
                if (current.Length > 0) yield return (current.ToString(), quoted);
                current.Clear();
                quoted = !quoted;
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) yield return (current.ToString(), quoted);
    }

    private static List<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();

    // Letters and digits of any script, with the accents that belong to them; everything else separates words.
    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\p{M}]*")]
    private static partial Regex WordPattern();

    // Outside quotes, only characters that join the parts of one word ("don't", "e-mail", "U.K.") keep them
    // together as a phrase; brackets, stars, colons and everything else are plain spaces.
    [GeneratedRegex(@"[^\p{L}\p{N}\p{M}'’.\-_]+")]
    private static partial Regex Separators();

    /// <summary>The words as the reader might read them back ("otters "night bus"").</summary>
    public override string ToString() => string.Join(' ', Include.Select(t => t.ToString()));
}

/// <summary>One word (possibly matched as the start of longer words) or a phrase of words in order.</summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool Prefix)
{
    public bool IsPhrase => Words.Count > 1;

    public override string ToString() => IsPhrase ? $"\"{string.Join(' ', Words)}\"" : Words[0];
}
