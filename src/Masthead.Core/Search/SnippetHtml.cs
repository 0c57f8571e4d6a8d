using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Masthead.Core.Search;

/// <summary>
/// Turns text the database marked with <see cref="Open"/> and <see cref="Close"/> around each hit into HTML:
/// every character is escaped, and the markers (only they) become balanced &lt;mark&gt; elements.
/// </summary>
public static class SnippetHtml
{
    public const string Open = "\u0002";
    public const string Close = "\u0003";

    // Escapes what HTML needs escaped and leaves other scripts readable in the page source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static bool HasHit(string? marked) => marked?.Contains(Open, StringComparison.Ordinal) == true;

    public static string Render(string? marked)
    {
        if (string.IsNullOrEmpty(marked)) return "";
        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        var plain = new StringBuilder();
        foreach (var c in marked)
        {
            if (c is not ('\u0002' or '\u0003'))
            {
                plain.Append(c);
                continue;
            }
            Flush();
            if (c == '\u0002' && !open) { html.Append("<mark>"); open = true; }
            else if (c == '\u0003' && open) { html.Append("</mark>"); open = false; }
        }
        Flush();
        if (open) html.Append("</mark>");
        return html.ToString();

        void Flush()
        {
            if (plain.Length == 0) return;
            html.Append(Encoder.Encode(plain.ToString()));
            plain.Clear();
        }
    }

    /// <summary>The snippet worth showing: a passage of the body where it has a hit, else the (highlighted) standfirst.</summary>
    public static string Choose(string? standfirst, string? body) =>
        HasHit(body) || string.IsNullOrWhiteSpace(standfirst) ? Render(body) : Render(standfirst);
}
