using System.Text.RegularExpressions;

namespace Masthead.Core.Body;

/// <summary>
/// The rules of a <c>:::promo LINK</c> block (and, checked in the same pass, that an embed names a known service): its link is a path on this site or an https address, and its picture a
/// site path (a library picture) or https. Anything else (javascript:, data:, "//host", plain http) is refused
/// with a message naming the block, before a body is saved.
/// </summary>
public static partial class PromoBlock
{
    /// <summary>Why a promo's link is not acceptable, or null when it is.</summary>
    public static string? LinkProblem(string? link)
    {
        var value = link?.Trim() ?? "";
        if (value.Length == 0) return "A promo block needs a link after \":::promo\": a site path such as /subscribe or an https:// address.";
        return IsSitePathOrHttps(value) ? null
            : $"The promo block's link \"{Shorten(value)}\" is neither a site path (starting with a single /) nor an https:// address.";
    }

    /// <summary>Why a promo's picture address is not acceptable, or null when it is.</summary>
    public static string? PictureProblem(string? url) => IsSitePathOrHttps(url?.Trim() ?? "") ? null
        : $"The promo block's picture \"{Shorten(url ?? "")}\" must be a library picture or site path (starting with a single /), or an https:// address.";

    /// <summary>The first problem among a body's promo and embed blocks, or null.</summary>
    public static string? BodyProblem(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown) || !markdown.Contains(":::", StringComparison.Ordinal)) return null;
        var inPromo = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!inPromo && Embed().Match(line) is { Success: true } embed)
            {
                if (EmbedProvider.AddressProblem(embed.Groups[1].Value) is { } problem) return problem;
            }
            else if (!inPromo && Open().Match(line) is { Success: true } open)
            {
                if (LinkProblem(open.Groups[1].Value) is { } problem) return problem;
                inPromo = true;
            }
            else if (inPromo && Close().IsMatch(line)) inPromo = false;
            else if (inPromo && Picture().Match(line.Trim()) is { Success: true } picture && PictureProblem(picture.Groups[1].Value) is { } bad) return bad;
        }
        return null;
    }

    private static bool IsSitePathOrHttps(string value)
    {
        if (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || value.Contains('\\')) return false;
        if (value[0] == '/') return value.Length == 1 || value[1] != '/';
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..59] + "…";

    [GeneratedRegex(@"^ {0,3}:{3,}[ \t]*promo(?:[ \t]+(.*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Open();

    [GeneratedRegex(@"^ {0,3}:{3,}[ \t]*embed(?:[ \t]+(.*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Embed();

    [GeneratedRegex(@"^ {0,3}:{3,}[ \t]*$")]
    private static partial Regex Close();

    [GeneratedRegex(@"^!\[.*\]\(\s*<?(\S+?)>?(?:\s+""[^""]*"")?\s*\)$")]
    private static partial Regex Picture();
}
