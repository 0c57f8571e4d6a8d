namespace Masthead.Browser.Tests;

/// <summary>One address per kind of public page, from the demo publication.</summary>
public static class PublicPages
{
    public static readonly (string Name, string Path)[] All =
    [
        ("home", "/"),
        ("section", "/culture"),
        ("subsection", "/culture/film-tv"),
        ("article", "/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival"),
        ("author", "/author/priya-mahendran"),
        ("tag", "/tag/film"),
        ("live-blog", "/news/uk/live-carrowmere-pride-crosses-the-old-bridge-for-the-first-time"),
        ("page", "/corrections"),
        ("privacy", "/privacy"),
        ("search", "/search?q=film&section=culture"),
        ("not-found", "/no-such-page"),
        ("member-sign-up", "/members/sign-up"),
        ("member-sign-in", "/members/sign-in"),
    ];

    public static IEnumerable<object[]> Paths => All.Select(p => new object[] { p.Path });
}
