using System.Security.Cryptography;

namespace Masthead.Web.Newsroom;

/// <summary>A content hash for the newsroom's stylesheet URL, so browsers may cache it for a year and still see changes.</summary>
public static class NewsroomAssets
{
    public static string Version { get; private set; } = "0";

    /// <summary>Whether the rich-text editor bundle was built (it needs Node at build time); without it the story editor is a Markdown textarea.</summary>
    public static bool HasEditorBundle { get; private set; }

    public static void Initialize(IWebHostEnvironment environment)
    {
        HasEditorBundle = environment.WebRootFileProvider.GetFileInfo("newsroom/editor.js").Exists;
        var file = environment.WebRootFileProvider.GetFileInfo("newsroom/newsroom.css");
        if (!file.Exists) return;
        using var stream = file.CreateReadStream();
        Version = Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }
}
