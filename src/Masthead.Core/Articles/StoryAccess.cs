namespace Masthead.Core.Articles;

/// <summary>Who may read a story in full.</summary>
public enum StoryAccess
{
    /// <summary>Everyone.</summary>
    Public,
    /// <summary>Signed-in members (a free sign-up); everyone else gets the teaser and a sign-up box.</summary>
    Members,
}

/// <summary>The names the admin API and the editor use for <see cref="StoryAccess"/>: "public" and "members".</summary>
public static class StoryAccessNames
{
    public const string Public = "public";
    public const string Members = "members";

    public static string Of(StoryAccess access) => access == StoryAccess.Members ? Members : Public;

    /// <summary>Null when the text names neither (the caller reports it).</summary>
    public static StoryAccess? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        Public => StoryAccess.Public,
        Members => StoryAccess.Members,
        _ => null,
    };
}
