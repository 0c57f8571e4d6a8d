using System.Security.Cryptography;

namespace Masthead.Web.Newsroom;

/// <summary>A content hash for the newsroom's stylesheet URL, so browsers may cache it for a year and still see changes.</summary>
public static class NewsroomAssets
{
    public static string Version { get; private set; } = "0";

    public static void Initialize(IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo("newsroom/newsroom.css");
        if (!file.Exists) return;
        using var stream = file.CreateReadStream();
        Version = Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }
}
