using System.Security.Cryptography;

namespace Masthead.Web.Newsroom;

/// <summary>A content hash for the newsroom's stylesheet and script URLs, so browsers may cache them for a year and still see changes.</summary>
public static class NewsroomAssets
{
    public static string Version { get; private set; } = "0";

    /// <summary>Whether the rich-text editor bundle is there (src/newsroom-editor builds it); without it the story editor is a Markdown textarea.</summary>
    public static bool HasEditorBundle { get; private set; }

    public static void Initialize(IWebHostEnvironment environment)
    {
        HasEditorBundle = environment.WebRootFileProvider.GetFileInfo("newsroom/editor.js").Exists;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in new[] { "newsroom.css", "editor.js", "story-editor.js", "media-upload.js", "import-progress.js", "copy-link.js", "confirm.js", "picture-picker.js" })
        {
            var file = environment.WebRootFileProvider.GetFileInfo($"newsroom/{name}");
            if (!file.Exists) continue;
            using var stream = file.CreateReadStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            hash.AppendData(buffer.ToArray());
        }
        Version = Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
