namespace Masthead.Web.PublicSite.LiveBlogs;

/// <summary>Short labels cut from an entry's words, for the key-events list and structured data.</summary>
public static class LiveBlogText
{
    public const int LabelLength = 110;

    public static string Label(string text) => Masthead.Core.LiveBlogs.LiveBlogDesk.Snippet(text, LabelLength);
}
