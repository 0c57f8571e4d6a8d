using Masthead.Core.Search;

namespace Masthead.Core.Tests.Search;

/// <summary>A rendered body's words without markup: for the search index, snippets and page descriptions.</summary>
public sealed class PlainTextTests
{
    [Fact]
    public void Blocks_DoNotRunTogether_AndScriptsAreDropped()
    {
        Assert.Equal("Heading One paragraph. Two", PlainText.FromHtml("<h2>Heading</h2><p>One <em>paragraph</em>.</p><script>x()</script><ul><li>Two</li></ul>"));
    }

    [Fact]
    public void TheOpening_IsWholeIfShort_AndCutAtAWordIfLong()
    {
        Assert.Equal("A short page.", PlainText.Opening("<p>A short page.</p>"));
        var words = string.Join(' ', Enumerable.Repeat("longword", 40)); // 359 characters
        var opening = PlainText.Opening($"<p>{words}</p>");
        Assert.True(opening.Length <= 160, opening);
        Assert.EndsWith("longword…", opening);
        Assert.Equal("", PlainText.Opening(""));
    }
}
