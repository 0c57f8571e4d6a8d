using System.Text;
using System.Text.Json;

namespace Masthead.Web.PublicSite.Icons;

/// <summary>
/// The publication's icons and web app manifest, made from its name: the first letter on the site's accent colour.
/// Browsers ask for /favicon.ico on every page whether or not it is linked (it was a 404), phones for an
/// apple-touch-icon, and installers for the manifest. Each is cached like any page.
/// </summary>
public static class SiteIcons
{
    public const string Accent = "#8a1c5c";
    public const string Paper = "#fffdf8";

    /// <summary>The PNG sizes served, by address: the classic favicon, Apple's home-screen icon, and the manifest's two.</summary>
    public static readonly IReadOnlyDictionary<string, int> Pngs = new Dictionary<string, int>
    {
        ["/favicon.ico"] = 48, ["/apple-touch-icon.png"] = 180, ["/icon-192.png"] = 192, ["/icon-512.png"] = 512,
    };

    public static void MapSiteIcons(this IEndpointRouteBuilder site)
    {
        site.MapGet("/favicon.svg", async (SiteContext context) => Results.Text(Svg((await context.GetAsync()).Name), "image/svg+xml", Encoding.UTF8));
        foreach (var (path, size) in Pngs)
            site.MapGet(path, async (SiteContext context) => Results.Bytes(Png((await context.GetAsync()).Name, size), "image/png"));
        site.MapGet("/site.webmanifest", async (SiteContext context) =>
        {
            var model = await context.GetAsync();
            return Results.Text(Manifest(model.Name), "application/manifest+json", Encoding.UTF8);
        });
    }

    /// <summary>The first letter or digit of the name ("The Quire" gives Q: a leading "The" says nothing).</summary>
    public static string Initial(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var word = words.Length > 1 && words[0].Equals("the", StringComparison.OrdinalIgnoreCase) ? words[1] : words.FirstOrDefault() ?? "M";
        var letter = word.FirstOrDefault(char.IsLetterOrDigit);
        return letter == default ? "M" : char.ToUpperInvariant(letter).ToString();
    }

    public static string Svg(string name) => $"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="{System.Net.WebUtility.HtmlEncode(name)}">
        <rect width="64" height="64" rx="12" fill="{Accent}"/>
        <text x="32" y="46" text-anchor="middle" font-family="Georgia, 'DejaVu Serif', serif" font-weight="700" font-size="42" fill="{Paper}">{System.Net.WebUtility.HtmlEncode(Initial(name))}</text>
        </svg>
        """;

    /// <summary>
    /// The same icon drawn by libvips (a square of the accent colour, the letter set with Pango), since the app keeps
    /// libvips' SVG loader switched off: it only decodes the picture formats the media library accepts.
    /// </summary>
    public static byte[] Png(string name, int size)
    {
        using var square = NetVips.Image.Black(size, size, bands: 3).NewFromImage(Rgb(Accent));
        using var letter = NetVips.Image.Text(Initial(name), font: $"DejaVu Serif Bold {size * 0.6:0}", dpi: 72);
        if (letter.Width <= 1 || letter.Height <= 1) return square.PngsaveBuffer(); // no fonts on this machine: the colour alone
        using var ink = letter.NewFromImage(Rgb(Paper)).Bandjoin(letter).Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
        using var icon = square.Composite2(ink, NetVips.Enums.BlendMode.Over, x: (size - letter.Width) / 2, y: (size - letter.Height) / 2);
        return icon.PngsaveBuffer();
    }

    private static double[] Rgb(string hex) =>
        [Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16)];

    public static string Manifest(string name) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = name,
        ["short_name"] = name.Length <= 12 ? name : Initial(name),
        ["start_url"] = "/",
        ["display"] = "browser",
        ["background_color"] = Paper,
        ["theme_color"] = Accent,
        ["icons"] = new object[]
        {
            new { src = "/icon-192.png", sizes = "192x192", type = "image/png" },
            new { src = "/icon-512.png", sizes = "512x512", type = "image/png" },
            new { src = "/favicon.svg", sizes = "any", type = "image/svg+xml" },
        },
    });
}
