using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Masthead.Core.Body;
using Masthead.Tests.Support;

namespace Masthead.Tests.Body;

/// <summary>
/// The newsroom's rich-text editor reads a body's Markdown into its document and writes it back on every change.
/// Whatever a writer opens and saves must render exactly as before: each body here goes through the editor's own
/// parser and serializer (src/newsroom-editor, run by Node) and both versions are rendered by the public renderer.
/// </summary>
public partial class EditorRoundTripTests
{
    private static readonly BodyRenderer Renderer = new();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Masthead.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Masthead.slnx) was not found.");
    }

    private static async Task<List<string>> RoundTripAsync(IReadOnlyList<string> bodies)
    {
        var editor = Path.Combine(RepoRoot(), "src", "newsroom-editor");
        if (!Directory.Exists(Path.Combine(editor, "node_modules")))
            throw new InvalidOperationException("The editor's packages are missing: run `npm ci` in src/newsroom-editor (./test.sh does).");
        var (code, output, errors) = await ExternalTool.RunAsync("node", [Path.Combine(editor, "roundtrip.mjs")],
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(bodies)), "Install Node.js (./test.sh does).");
        Assert.True(code == 0, $"the editor's round trip failed: {errors}");
        return JsonSerializer.Deserialize<List<string>>(output)!;
    }

    // Markdown may wrap lines differently; the reader sees the same page.
    private static string Normal(string html) => Spaces().Replace(html, " ").Replace("> <", "><").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static IEnumerable<(string Name, string Body)> DemoBodies()
    {
        var folder = Path.Combine(RepoRoot(), "src", "Masthead.Web", "Demo", "Content", "articles");
        foreach (var file in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var split = text.IndexOf("\n---\n", StringComparison.Ordinal);
            yield return (Path.GetFileName(file), split < 0 ? text : text[(split + 5)..]);
        }
    }

    private const string EveryFeature = """
        # A top heading becomes a subheading

        Plain text with *emphasis*, **strong**, ~~struck~~, `code`, a [link](https://example.org/a "Title"), an autolink
        https://example.org/b and <https://example.org/c>, and inline <abbr>HTML</abbr>.
        A hard break follows\
        this line.

        ### Smaller heading

        > A quote in two paragraphs.
        >
        > Still the quote.
        >
        > — Raj Kalsi, former volunteer

        > A one-paragraph quote with its source
        > -- Bev Tranter

        > Just a quote, no source.

        :::pullquote
        Some laugh. One leaves the room.
        :::

        :::figure
        ![Alt with [brackets] and a \] too](/media/abc/960.jpg)
        A caption with *emphasis*
        over two lines.
        Credit: Halfmoon Pictures Collective
        :::

        :::embed https://bsky.app/profile/someone.bsky.social/post/3lcx7qk2vbn2s
        The text of the post, as it appeared.

        A second paragraph of it.
        — @someone.bsky.social
        :::

        :::embed https://www.youtube.com/watch?v=abc123
        :::

        :::embed not-a-url
        Kept as text.
        :::

        :::promo /shop/winter-issue
        ![The winter issue's cover](/media/abc/960.jpg)
        Buy the winter print issue &amp; a tote
        Forty-eight pages you won't find *online*.

        Free postage this week.
        :::

        :::promo https://donate.example.org/give?fund=1
        Keep us independent
        :::

        :::promo javascript:alert(1)
        A promo with a refused link stays as written.
        :::

        :::sidebar
        An unknown block keeps its content.
        :::

        - tight
        - list
          - nested

        1. loose

        2. list

        7. starts at seven
        8. and goes on

        | Year | Calls |
        |------|------:|
        | 1986 | 4,210 |

        <div class="note">Raw HTML block</div>

        ```csharp
        var x = 1;
        ```

            indented code

        ---

        ![An inline picture](https://example.org/p.png) inside a paragraph, and 3 * 4 = 12_000 with [brackets] and #hash.
        """;

    [Fact]
    public async Task EveryDemoBody_AndOneWithEveryFeature_RendersTheSameAfterTheEditorHasHadIt()
    {
        var cases = DemoBodies().Append((Name: "every feature", Body: EveryFeature)).ToList();
        Assert.True(cases.Count > 30, "the demo bodies were not found");
        var back = await RoundTripAsync(cases.Select(c => c.Body).ToList());
        for (var i = 0; i < cases.Count; i++)
            Assert.True(Normal(Renderer.Render(cases[i].Body)) == Normal(Renderer.Render(back[i])),
                $"{cases[i].Name} renders differently after the editor:\n--- before\n{Renderer.Render(cases[i].Body)}\n--- after\n{Renderer.Render(back[i])}\n--- markdown after\n{back[i]}");
    }

    [Fact]
    public async Task TheEditorsMarkdown_IsStable_SecondPassChangesNothing()
    {
        var once = await RoundTripAsync([EveryFeature]);
        var twice = await RoundTripAsync(once);
        Assert.Equal(once[0], twice[0]);
    }

    [Fact]
    public async Task ExtensionBlocks_ComeBackAsMastheadSyntax_NotAsRawHtml()
    {
        var back = (await RoundTripAsync([EveryFeature]))[0];
        Assert.Contains(":::pullquote\nSome laugh. One leaves the room.\n:::", back);
        Assert.Contains(":::figure\n![Alt with \\[brackets\\] and a \\] too](/media/abc/960.jpg)\nA caption with *emphasis* over two lines.\nCredit: Halfmoon Pictures Collective\n:::", back);
        Assert.Contains("— @someone.bsky.social\n:::", back);
        Assert.Contains("> — Raj Kalsi, former volunteer", back);
        Assert.Contains(":::sidebar\nAn unknown block keeps its content.\n:::", back);
        Assert.Contains(":::promo /shop/winter-issue\n![The winter issue's cover](/media/abc/960.jpg)\nBuy the winter print issue &amp; a tote\nForty-eight pages you won't find *online*.\n\nFree postage this week.\n:::", back);
        Assert.Contains(":::promo https://donate.example.org/give?fund=1\nKeep us independent\n:::", back);
    }
}
