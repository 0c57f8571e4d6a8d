using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Masthead.Core.Publication;

namespace Masthead.Web.PublicSite;

/// <summary>
/// The publication's look as CSS custom properties over site.css. Served as /theme.css (the site's CSP allows no
/// inline style), linked with a version made from its own text, so a reader's browser may keep it as long as it
/// likes and a change of theme is a new address. The site's default look links nothing at all.
/// </summary>
public sealed record SiteTheme(string? Accent, string? OnAccent, string? Background, string FontPair)
{
    public static readonly SiteTheme Default = new(null, null, null, Theme.FontPairs[0].Key);

    public static SiteTheme From(PublicationSettings settings) =>
        new(settings.AccentColor, settings.AccentTextColor, settings.BackgroundColor, Theme.Font(settings.FontPair).Key);

    public bool IsDefault => this == Default;

    public string Css { get; } = Write(Accent, OnAccent, Background, FontPair);

    // Worked out once per site model, not on every page render that links the stylesheet.
    public string Version { get; } = Hash(Write(Accent, OnAccent, Background, FontPair));

    private static string Hash(string css) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..12];

    private static string Write(string? accent, string? onAccent, string? background, string fontPair)
    {
        var css = new StringBuilder("/* The publication's theme, from its newsroom settings. */\n");
        var font = Theme.Font(fontPair);
        // The pair's own fonts, served from this site; swap: text shows at once in the fallback, then in the font.
        foreach (var hosted in font.Hosted)
            foreach (var style in hosted.HasItalic ? (string[])["normal", "italic"] : ["normal"])
                foreach (var (subset, range) in Theme.HostedSubsets)
                    css.Append(CultureInfo.InvariantCulture, $"@font-face {{ font-family: \"{hosted.Family}\"; font-style: {style}; font-weight: {hosted.MinWeight} {hosted.MaxWeight}; font-display: swap; src: url(\"{hosted.FileUrl(subset, style)}\") format(\"woff2\"); unicode-range: {range}; }}\n");
        css.Append(":root {\n");
        // Values were checked as #rrggbb when saved; checked again, so nothing else can reach a stylesheet.
        if (Theme.NormalColour(accent) is { } a)
            css.Append(CultureInfo.InvariantCulture, $"  --accent: {a};\n  --accent-dark: color-mix(in srgb, {a} 72%, #000);\n");
        if (Theme.NormalColour(onAccent) is { } o) css.Append(CultureInfo.InvariantCulture, $"  --on-accent: {o};\n");
        if (Theme.NormalColour(background) is { } b) css.Append(CultureInfo.InvariantCulture, $"  --paper: {b};\n");
        css.Append(CultureInfo.InvariantCulture, $"  --serif: {font.Serif};\n  --sans: {font.Sans};\n}}\n");
        return css.ToString();
    }
}
