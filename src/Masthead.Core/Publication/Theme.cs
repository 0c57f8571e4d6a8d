using System.Globalization;
using Masthead.Core.Common;

namespace Masthead.Core.Publication;

/// <summary>
/// A pair of type families: one for headlines and reading, one for labels, navigation and forms. <paramref name="Hosted"/>
/// lists the fonts the site serves itself for the pair (none: the pair is system fonts only).
/// </summary>
public sealed record FontPair(string Key, string Name, string Serif, string Sans, IReadOnlyList<HostedFont> Hosted)
{
    public FontPair(string key, string name, string serif, string sans) : this(key, name, serif, sans, []) { }
}

/// <summary>
/// A variable-weight font the site serves from /assets/fonts/{Folder}/{Version}/ (fetched by eng/fetch-fonts.sh, SIL
/// Open Font License beside the files): Latin and Latin Extended files, upright and, when it has one, italic. The
/// version is in the address, so a new version is a new address and browsers may keep each file for good.
/// </summary>
public sealed record HostedFont(string Family, string Folder, string Version, int MinWeight, int MaxWeight, bool HasItalic)
{
    public string FileUrl(string subset, string style) => $"/assets/fonts/{Folder}/{Version}/{subset}-{style}.woff2";
}

/// <summary>
/// The publication's look: brand colours checked against WCAG 2.2 AA (4.5:1 for text) before they are saved, and a
/// choice of font pairs. The first three are system-font stacks, which cost readers no download at all; the others are
/// open-licence fonts served from the site itself (never a third-party font service), about 50 KB a style.
/// </summary>
public static class Theme
{
    public const double MinimumContrast = 4.5;

    /// <summary>The site's own colours (site.css): body text and its quieter shade, which every background must carry.</summary>
    public const string Ink = "#1b1a1f";
    public const string InkSoft = "#4a4752";
    public const string DefaultAccent = "#8a1c5c";
    public const string DefaultOnAccent = "#ffffff";
    public const string DefaultBackground = "#fdfcf9";

    public static readonly IReadOnlyList<FontPair> FontPairs =
    [
        new("classic", "Classic: old-style serif with a system sans",
            "\"Iowan Old Style\", \"Palatino Linotype\", Palatino, Georgia, \"Times New Roman\", serif",
            "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif"),
        new("modern", "Modern: a clean sans throughout",
            "\"Helvetica Neue\", \"Segoe UI\", Roboto, \"Noto Sans\", \"DejaVu Sans\", Arial, sans-serif",
            "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif"),
        new("bookish", "Bookish: a sturdy text serif with a humanist sans",
            "Charter, \"Bitstream Charter\", \"Sitka Text\", Cambria, \"DejaVu Serif\", Georgia, serif",
            "\"Gill Sans\", \"Gill Sans MT\", Seravek, Calibri, \"Trebuchet MS\", \"DejaVu Sans\", sans-serif"),
        new("source", "Source: Source Serif 4 with Source Sans 3, served from this site",
            "\"Source Serif 4\", Georgia, \"Times New Roman\", serif",
            "\"Source Sans 3\", system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif",
            [new("Source Serif 4", "source-serif-4", "5.3.1", 200, 900, HasItalic: true), new("Source Sans 3", "source-sans-3", "5.3.1", 200, 900, HasItalic: false)]),
        new("literary", "Literary: Literata with Inter, served from this site",
            "Literata, Georgia, \"Times New Roman\", serif",
            "Inter, system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif",
            [new("Literata", "literata", "5.3.0", 200, 900, HasItalic: true), new("Inter", "inter", "5.3.0", 100, 900, HasItalic: false)]),
    ];

    /// <summary>
    /// The characters each hosted file covers, so a browser fetches the Latin Extended file only for a page that needs
    /// it (a name with ł or ő). The ranges are the ones the files were cut to.
    /// </summary>
    public static readonly IReadOnlyList<(string Subset, string Range)> HostedSubsets =
    [
        ("latin", "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD"),
        ("latin-ext", "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF"),
    ];

    public static FontPair Font(string? key) => FontPairs.FirstOrDefault(f => f.Key == key) ?? FontPairs[0];

    /// <summary>"#rrggbb" in lower case, or null when the text is not a colour in that form (or "#rgb").</summary>
    public static string? NormalColour(string? text)
    {
        var value = text?.Trim().ToLowerInvariant() ?? "";
        if (value.Length == 4 && value[0] == '#') value = $"#{value[1]}{value[1]}{value[2]}{value[2]}{value[3]}{value[3]}";
        if (value.Length != 7 || value[0] != '#' || !value[1..].All(char.IsAsciiHexDigit)) return null;
        return value;
    }

    /// <summary>WCAG 2.x contrast ratio of two "#rrggbb" colours, from 1 to 21.</summary>
    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string colour)
    {
        double Channel(int at)
        {
            var c = int.Parse(colour.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
    }

    /// <summary>Rounded down to one decimal, so 4.47 reads "4.4:1" and never looks as if it passed.</summary>
    public static string Ratio(double contrast) => (Math.Floor(contrast * 10) / 10).ToString("0.0", CultureInfo.InvariantCulture) + ":1";

    /// <summary>
    /// Checks the colours readers will see together: links and highlights (accent) on the background, button text on
    /// the accent, and the site's body text on the background. Every failing pair is named with its ratio.
    /// </summary>
    public static void Check(string accent, string onAccent, string background, ValidationErrors errors)
    {
        void Pair(string field, string fore, string back, string what, string fix)
        {
            var ratio = Contrast(fore, back);
            if (ratio < MinimumContrast)
                errors.Add(field, $"{what} ({fore} on {back}) have a contrast of {Ratio(ratio)}; WCAG AA needs at least 4.5:1. {fix}");
        }
        Pair("accentColor", accent, background, "Links and highlights in the accent colour on the background", "Choose a darker accent or a lighter background.");
        Pair("accentTextColor", onAccent, accent, "Text on the accent colour (buttons)", "Choose a text colour further from the accent, such as #ffffff or #000000.");
        Pair("backgroundColor", InkSoft, background, "The site's text on the background", "Choose a lighter background.");
    }
}
